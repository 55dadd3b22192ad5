// Whether a portal's HubSpot connection still works. HubSpot pushes no uninstall event: we learn of
// an uninstall (or a revoked grant) when the refresh-token grant answers 400 BAD_REFRESH_TOKEN
// (the HubSpot layer raises HubSpotError `needs_reconnect`). The jobs layer then calls
// `markNeedsReconnect`, skips the portal's jobs while `needsReconnect` says so, and the next
// successful install (oauth callback) calls `markConnected`.
//
// The state lives in the portal's stream statuses as the `connection` stream, so the status
// endpoint shows it beside the sync streams with no schema change.

import type { Store } from '../store/index.js';

export const CONNECTION_STREAM = 'connection';
export const NEEDS_RECONNECT = 'needs_reconnect';

export async function markNeedsReconnect(
  store: Pick<Store, 'saveStreamStatus'>,
  portalId: number,
  message: string,
  at: number = Date.now(),
): Promise<void> {
  await store.saveStreamStatus(portalId, {
    stream: CONNECTION_STREAM,
    records: 0,
    apiCalls: 0,
    lastError: { kind: NEEDS_RECONNECT, message, at },
    lastRunAt: at,
  });
}

export async function markConnected(
  store: Pick<Store, 'saveStreamStatus'>,
  portalId: number,
  at: number = Date.now(),
): Promise<void> {
  await store.saveStreamStatus(portalId, {
    stream: CONNECTION_STREAM,
    records: 0,
    apiCalls: 0,
    lastError: null,
    lastRunAt: at,
  });
}

export async function needsReconnect(
  store: Pick<Store, 'streamStatuses'>,
  portalId: number,
): Promise<boolean> {
  const status = (await store.streamStatuses(portalId)).find((s) => s.stream === CONNECTION_STREAM);
  return status?.lastError?.kind === NEEDS_RECONNECT;
}
