// Sync health of a portal for the settings page and the card's "not yet synced" state: per
// stream, records, API calls, phase and last error (from the store), plus the last cycle (from the
// jobs layer, which alone knows it).

import type { CycleState, StatusBody, StreamState, SyncProgress } from '../domain/index.js';
import type { Store } from '../store/index.js';
import type { SettingsService } from './settings.js';

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

export async function syncProgress(store: Store, portalId: number): Promise<SyncProgress> {
  const statuses = await store.streamStatuses(portalId);
  const checkpoints = await Promise.all(
    statuses.map((s) => store.getCheckpoint(portalId, s.stream)),
  );
  const streams = statuses.map((s, i): StreamState => {
    const cp = checkpoints[i];
    return {
      stream: s.stream,
      records: s.records,
      apiCalls: s.apiCalls,
      phase: cp?.phase ?? null,
      lastRunAt: iso(s.lastRunAt),
      lastFullSyncAt: iso(cp?.lastFullSyncAt),
      lastError:
        s.lastError === null
          ? null
          : { kind: s.lastError.kind, message: s.lastError.message, at: iso(s.lastError.at)! },
    };
  });
  const done = streams.filter((s) => s.lastFullSyncAt !== null).length;
  return {
    complete: streams.length > 0 && done === streams.length,
    streamsDone: done,
    streamsTotal: streams.length,
    streams,
  };
}

export interface StatusService {
  status(portalId: number): Promise<StatusBody>;
  syncProgress(portalId: number): Promise<SyncProgress>;
}

export interface StatusDeps {
  readonly store: Store;
  readonly settings: SettingsService;
  /** The jobs layer's view of the portal's last sync → attribute → write-back cycle. */
  readonly lastCycle: (portalId: number) => Promise<CycleState | null> | CycleState | null;
}

/** Pages of attribution records read to count them; the status page is not a hot path. */
const PAGE = 5000;

export function createStatusService(deps: StatusDeps): StatusService {
  const { store } = deps;
  return {
    syncProgress: (portalId) => syncProgress(store, portalId),
    async status(portalId) {
      const [sync, lastCycle, current] = await Promise.all([
        syncProgress(store, portalId),
        deps.lastCycle(portalId),
        deps.settings.get(portalId),
      ]);
      // Deals with a result for the active model under the current settings.
      let deals = 0;
      let lastComputedAt: number | null = null;
      let after: string | undefined;
      for (;;) {
        const page = await store.listAttributions(portalId, {
          model: current.settings.model,
          limit: PAGE,
          ...(after === undefined ? {} : { afterDealId: after }),
        });
        for (const r of page) {
          if (r.settingsVersion !== current.version) continue;
          deals++;
          if (lastComputedAt === null || r.computedAt > lastComputedAt)
            lastComputedAt = r.computedAt;
        }
        if (page.length < PAGE) break;
        after = page[page.length - 1]!.dealId;
      }
      return {
        status: 'ok',
        portalId,
        sync,
        lastCycle,
        attribution: {
          settingsVersion: current.version,
          dealsAttributed: deals,
          lastComputedAt: iso(lastComputedAt),
        },
      };
    },
  };
}
