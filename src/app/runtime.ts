// The composition root: wires the store, each portal's HubSpot connection, the services, the job
// runner, the schedule and the HTTP server from the validated configuration. `start`,
// `attribute` and `writeback` build one; nothing else constructs concrete implementations.
//
// Roles: `web` serves HTTP only (jobs it asks for are queued for workers — in this embedded
// mode, run by the same process when it also has the worker role), `worker` runs jobs only,
// `all` (default) does both.

import type { Server } from 'node:http';
import type { Config } from '../config.js';
import { staticToken } from '../hubspot/auth.js';
import { createOAuthTokenProvider } from '../hubspot/oauth.js';
import { markNeedsReconnect } from '../security/connection.js';
import { openRefreshToken, sealRefreshToken } from '../security/refresh-token.js';
import { createServer, listen } from '../server/app.js';
import type { Logger } from '../server/logger.js';
import type { ChangeHint } from '../server/routes/webhooks.js';
import { createAttributionService, type AttributionService } from '../services/attribute.js';
import { createSettingsService, type SettingsService } from '../services/settings.js';
import { createStatusService } from '../services/status.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import type { StreamProgress } from '../sync/context.js';
import { cycleHandler, type CycleOutcome } from '../jobs/cycle.js';
import { createJobRunner, type JobKind, type JobRunner } from '../jobs/runner.js';
import { startSchedule, type Schedule } from '../jobs/schedule.js';
import { connectPortal, type PortalConnection } from './connect.js';
import { HubSpotError } from '../hubspot/api.js';

export type Role = 'all' | 'web' | 'worker';

export interface RuntimeOptions {
  readonly config: Config;
  readonly role: Role;
  readonly log: Logger;
  /** A private-app style token for the one portal of this process (sandbox or private app). */
  readonly accessToken?: string;
  readonly baseUrl: string;
  /** The key of HubSpot's request signatures (the client secret; the sandbox's locally). */
  readonly signingSecret?: string;
  /** Run the schedule (default true); one-shot runs switch it off. */
  readonly schedule?: boolean;
  readonly onSyncProgress?: (portalId: number, p: StreamProgress) => void;
  readonly onCycle?: (portalId: number, outcome: CycleOutcome) => void;
}

export interface Runtime {
  readonly store: Store;
  readonly settings: SettingsService;
  readonly attribution: AttributionService;
  readonly runner: JobRunner;
  /** The portal of the access token (private app / sandbox); undefined under OAuth. */
  readonly portalId: number | undefined;
  readonly connection: (portalId: number) => Promise<PortalConnection>;
  readonly server: { readonly url: string; readonly server: Server } | undefined;
  enqueue(portalId: number, kind: JobKind): boolean;
  close(): Promise<void>;
}

export async function createRuntime(o: RuntimeOptions): Promise<Runtime> {
  const { config, log } = o;
  const store = await openStore(config.DATABASE_URL);
  const connections = new Map<number, Promise<PortalConnection>>();
  let portalId: number | undefined;

  if (o.accessToken !== undefined) {
    const conn = connectPortal({
      baseUrl: o.baseUrl,
      tokens: staticToken(o.accessToken),
      appType: 'private',
      ...(config.HUBSPOT_TIER === undefined ? {} : { tier: config.HUBSPOT_TIER }),
    });
    const c = await conn;
    portalId = c.portalId;
    connections.set(c.portalId, conn);
    await store.upsertPortal(c.portalId, {
      name: `Portal ${String(c.portalId)}`,
      timeZone: c.account.timeZone,
      currency: c.account.currency,
      tier: config.HUBSPOT_TIER ?? 'starter',
      appType: 'private',
    });
  }

  const oauthConnection = async (id: number): Promise<PortalConnection> => {
    const key = config.TOKEN_ENCRYPTION_KEY;
    const { HUBSPOT_CLIENT_ID: clientId, HUBSPOT_CLIENT_SECRET: clientSecret } = config;
    if (key === undefined || clientId === undefined || clientSecret === undefined)
      throw new Error(`portal ${String(id)}: no access token and OAuth is not configured`);
    const stored = await store.getOAuthToken(id);
    if (stored === undefined) throw new Error(`portal ${String(id)}: not installed (no token)`);
    const opened = openRefreshToken(key, id, stored.encryptedRefreshToken);
    if (!opened.ok)
      throw new Error(`portal ${String(id)}: stored token unreadable (${opened.error})`);
    const portal = await store.getPortal(id);
    return connectPortal({
      baseUrl: o.baseUrl,
      appType: 'oauth',
      ...(portal === undefined ? {} : { tier: portal.tier }),
      tokens: createOAuthTokenProvider({
        clientId,
        clientSecret,
        baseUrl: o.baseUrl,
        tokens: { accessToken: '', refreshToken: opened.value, expiresAt: 0 },
        onTokens: (t) =>
          store.saveOAuthToken(id, {
            encryptedRefreshToken: sealRefreshToken(key, id, t.refreshToken),
            accessTokenExpiresAt: t.expiresAt,
            scopes: stored.scopes,
          }),
      }),
    });
  };

  const connection = (id: number): Promise<PortalConnection> => {
    let c = connections.get(id);
    if (!c) {
      c = oauthConnection(id);
      connections.set(id, c);
      c.catch(() => connections.delete(id));
    }
    return c;
  };

  // The settings hook and the runner refer to each other; the hook runs only after both exist.
  const enqueue = (id: number, kind: JobKind): boolean => runner.enqueue(id, kind);

  const settings = createSettingsService({
    store,
    onChanged: (id) => {
      enqueue(id, 'recompute');
    },
    onError: (e, id) => {
      log.error({ err: e, portalId: id }, 'settings hook failed');
    },
  });
  const attribution = createAttributionService({ store, settings });

  const runner = createJobRunner({
    handler: cycleHandler({
      store,
      connection,
      attribution,
      settings,
      syncConcurrency: config.SYNC_CONCURRENCY,
      ...(o.onSyncProgress === undefined ? {} : { onSyncProgress: o.onSyncProgress }),
      ...(o.onCycle === undefined ? {} : { onCycle: o.onCycle }),
    }),
    onError: (id, kind, e) => {
      log.warn({ portalId: id, job: kind, err: e instanceof Error ? e.message : e }, 'job failed');
      if (e instanceof HubSpotError && e.kind === 'needs_reconnect')
        void markNeedsReconnect(store, id, e.message);
    },
  });
  const jobs = runner;
  if (o.role === 'web') {
    // A web-only process queues nothing itself; in the embedded mode the worker process syncs on
    // its own schedule, so the web role only answers HTTP.
    await jobs.stop();
  }

  let schedule: Schedule | undefined;
  if (o.role !== 'web' && o.schedule !== false)
    schedule = startSchedule({ store, settings, runner: jobs, log });

  let server: Runtime['server'];
  if (o.role !== 'worker') {
    const status = createStatusService({
      store,
      settings,
      lastCycle: (id) => jobs.lastCycle(id),
    });
    const app = createServer({
      store,
      log,
      signingSecret: o.signingSecret ?? config.HUBSPOT_CLIENT_SECRET,
      publicOrigin: config.PUBLIC_URL,
      api: {
        attribution,
        settings,
        status,
        requestRecompute: (id) => {
          enqueue(id, 'recompute');
        },
      },
      enqueueChanges: (id, hints: readonly ChangeHint[]) => {
        // Webhooks are hints: the incremental sync reads what changed. One queued sync covers
        // any number of hints that arrive before it starts.
        if (hints.length > 0) enqueue(id, 'sync');
        return Promise.resolve();
      },
    });
    server = await listen(app, config.PORT);
  }

  return {
    store,
    settings,
    attribution,
    runner: jobs,
    portalId,
    connection,
    server,
    enqueue,
    async close() {
      schedule?.stop();
      await jobs.stop();
      if (server)
        await new Promise<void>((resolve) => {
          server.server.close(() => {
            resolve();
          });
          server.server.closeAllConnections();
        });
      await store.close();
    },
  };
}
