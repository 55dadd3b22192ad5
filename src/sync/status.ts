// A portal's sync health from the store alone: per stream, the checkpoint (phase and step), live
// records, the last run's calls and error. Used by `status` and the app's status endpoint.

import type { RecordType, Store } from '../store/index.js';
import { selectStreams } from './streams.js';

export interface StreamHealth {
  readonly stream: string;
  readonly records: number;
  readonly phase: 'full' | 'incremental' | null;
  /** Where the checkpoint is: list, search, archived, read, participations, idle… */
  readonly step: string | null;
  readonly lastFullSyncAt: number | null;
  readonly checkpointAt: number | null;
  readonly apiCalls: number;
  readonly lastRunAt: number | null;
  readonly lastError: {
    readonly kind: string;
    readonly message: string;
    readonly at: number;
  } | null;
}

export interface PortalSyncStatus {
  readonly portalId: number;
  readonly streams: readonly StreamHealth[];
}

export async function portalStatus(store: Store, portalId: number): Promise<PortalSyncStatus> {
  const [counts, statuses] = await Promise.all([
    store.countRecords(portalId),
    store.streamStatuses(portalId),
  ]);
  const byName = new Map(statuses.map((s) => [s.stream, s]));
  const names = [
    ...new Set([
      ...selectStreams({ optional: ['notes', 'tasks'] }).map((s) => s.name),
      ...byName.keys(),
    ]),
  ];
  const streams: StreamHealth[] = [];
  for (const name of names) {
    const cp = await store.getCheckpoint(portalId, name);
    const st = byName.get(name);
    if (cp === undefined && st === undefined) continue;
    const cursor = cp?.cursor;
    const step =
      cursor !== null && typeof cursor === 'object' && !Array.isArray(cursor) && 'step' in cursor
        ? JSON.stringify(cursor['step']).replace(/^"|"$/g, '')
        : null;
    streams.push({
      stream: name,
      records: name in counts ? counts[name as RecordType] : 0,
      phase: cp?.phase ?? null,
      step,
      lastFullSyncAt: cp?.lastFullSyncAt ?? null,
      checkpointAt: cp?.updatedAt ?? null,
      apiCalls: st?.apiCalls ?? 0,
      lastRunAt: st?.lastRunAt ?? null,
      lastError: st?.lastError ?? null,
    });
  }
  return { portalId, streams };
}
