// The portals the app knows, and what the schedule, the CLI and the server ask of them: which
// portals there are, a portal's time zone, its sync status, its connection health, readiness,
// and the webhook events already seen.

import type { Tier } from '../hubspot/index.js';
import { markNeedsReconnect } from '../security/index.js';
import type { ChangeHintInput, Store } from '../store/index.js';
import { portalStatus, type PortalSyncStatus } from '../sync/index.js';
import type { PortalConnection } from './connection.js';

export interface Portals {
  list(): Promise<number[]>;
  /** The portal's IANA time zone (UTC when unknown). */
  timeZone(portalId: number): Promise<string>;
  syncStatus(portalId: number): Promise<PortalSyncStatus>;
  /** Records the portal of a private-app token (name, time zone, currency, tier). */
  recordPrivateApp(conn: PortalConnection, tier: Tier): Promise<void>;
  /** The grant was revoked or the app uninstalled: jobs stop until the next install. */
  markNeedsReconnect(portalId: number, message: string): Promise<void>;
  /** Readiness: the store answers. */
  ping(): Promise<void>;
  /** Marks webhook event ids as seen; returns the ones not seen before. */
  markWebhookEvents(portalId: number, eventIds: readonly (string | number)[]): Promise<string[]>;
  /** Keeps webhook hints until a refresh has read their records (nothing lost on a restart). */
  noteChanges(portalId: number, hints: readonly ChangeHintInput[]): Promise<void>;
}

export function createPortals(store: Store): Portals {
  return {
    list: () => store.listPortalIds(),
    timeZone: async (portalId) => (await store.getPortal(portalId))?.timeZone ?? 'UTC',
    syncStatus: (portalId) => portalStatus(store, portalId),
    async recordPrivateApp(conn, tier) {
      await store.upsertPortal(conn.portalId, {
        name: `Portal ${String(conn.portalId)}`,
        timeZone: conn.account.timeZone,
        currency: conn.account.currency,
        tier,
        appType: 'private',
      });
    },
    markNeedsReconnect: (portalId, message) => markNeedsReconnect(store, portalId, message),
    ping: () => store.ping(),
    markWebhookEvents: (portalId, ids) => store.markWebhookEvents(portalId, ids),
    noteChanges: (portalId, hints) => store.addChangeHints(portalId, hints),
  };
}
