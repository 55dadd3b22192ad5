// A portal's units of work — sync, attribute, write-back, evaluate — as the jobs, the CLI and the
// benchmarks run them. Each reads the portal's settings through the settings service only, and
// this file is the one place settings become write-back options.

import type { Settings } from '../domain/index.js';
import { portalClassifier } from '../channels/index.js';
import type {
  AttributionService,
  ComputedEvaluation,
  RecomputeOptions,
  EvaluateRequest,
  EvaluationService,
  PortalAttributionSummary,
  SettingsService,
} from '../services/index.js';
import type { Store } from '../store/index.js';
import {
  refreshRecords,
  runSync,
  selectStreams,
  type RefreshSummary,
  type StreamProgress,
  type StreamSelection,
  type SyncLogger,
  type SyncSummary,
} from '../sync/index.js';
import {
  portalChannels,
  writeBack,
  type WriteBackOptions,
  type WriteBackScope,
  type WriteBackSummary,
} from '../writeback/index.js';
import type { Connections } from './connection.js';

export interface PortalWorkDeps {
  readonly store: Store;
  readonly settings: SettingsService;
  readonly attribution: AttributionService;
  readonly evaluation: EvaluationService;
  readonly connection: Connections;
  /** Streams read at once unless a request says otherwise (SYNC_CONCURRENCY). */
  readonly syncConcurrency?: number;
}

export interface SyncRequest {
  /** Re-list every record (a reconcile), not only what changed. */
  readonly full?: boolean;
  readonly streams?: StreamSelection;
  /** A continued job: only the streams not finished since this time (ms) run again. */
  readonly continuesFrom?: number;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: StreamProgress) => void;
  readonly log?: SyncLogger;
}

/** Most hinted records a refresh reads one by one; more hints are a job for an incremental sync. */
export const REFRESH_MAX_RECORDS = 50;

/** What a refresh did with the waiting webhook hints. */
export type RefreshOutcome =
  | { readonly mode: 'none' }
  | ({ readonly mode: 'records'; readonly hints: number } & RefreshSummary)
  | { readonly mode: 'sync'; readonly hints: number; readonly sync: SyncSummary };

/** What a model evaluation refreshed after a recompute did; undefined when nothing was stale. */
export type EvaluationRefresh =
  { readonly recommended: string; readonly ms: number } | { readonly error: string } | undefined;

export interface WriteBackResult {
  readonly model: string;
  readonly summary: WriteBackSummary;
}

/** The portal's settings as the write-back's options: the one mapping. */
export function writeBackOptions(
  settings: Settings,
): Pick<WriteBackOptions, 'model' | 'channels' | 'properties'> {
  return {
    model: settings.model,
    channels: portalChannels(settings.channelRules),
    properties: {
      deals: settings.writeBack.deal,
      contacts: settings.writeBack.contact,
      companies: settings.writeBack.company,
    },
  };
}

export interface PortalWork {
  syncPortal(portalId: number, request?: SyncRequest): Promise<SyncSummary>;
  /**
   * Reads the records waiting webhook hints name (one call each) and applies them as a sync
   * would; more than REFRESH_MAX_RECORDS hints run an incremental sync instead. Hints are removed
   * once applied; a hint that arrives meanwhile waits for the next refresh.
   */
  refreshPortal(portalId: number, signal?: AbortSignal): Promise<RefreshOutcome>;
  /** Recomputes the portal: every deal (default), or with `mode: 'auto'` what changed. */
  attributePortal(portalId: number, options?: RecomputeOptions): Promise<PortalAttributionSummary>;
  /** Writes the active model's results to HubSpot (only what changed; `only`: just those). */
  writeBackPortal(portalId: number, only?: WriteBackScope): Promise<WriteBackResult>;
  /** The cycle's write-back: skipped (undefined) while the settings switch write-back off. */
  writeBackIfEnabled(portalId: number, only?: WriteBackScope): Promise<WriteBackResult | undefined>;
  /** Evaluates every model on the portal and saves the result for the settings page. */
  evaluatePortal(portalId: number, request?: EvaluateRequest): Promise<ComputedEvaluation>;
  /** Re-evaluates when the stored evaluation is stale; a failure is reported, never thrown. */
  refreshEvaluation(portalId: number): Promise<EvaluationRefresh>;
}

export function createPortalWork(deps: PortalWorkDeps): PortalWork {
  const { store, settings } = deps;

  /**
   * A continued job syncs only the streams its earlier jobs have not finished since the work
   * began, so a sync split over many jobs makes progress in each. Email events always run again:
   * their clicks are matched to contacts at the end of a run that read them.
   */
  const remaining = async (portalId: number, since: number): Promise<string[]> => {
    const done = new Set(
      (await store.streamStatuses(portalId))
        .filter((s) => s.lastError === null && s.lastRunAt !== null && s.lastRunAt >= since)
        .map((s) => s.stream),
    );
    done.delete('email_events');
    return selectStreams()
      .map((s) => s.name)
      .filter((n) => !done.has(n));
  };

  const write = async (
    portalId: number,
    current: Settings,
    only: WriteBackScope | undefined,
  ): Promise<WriteBackResult> => {
    const conn = await deps.connection(portalId);
    const summary = await writeBack({
      store,
      api: conn.labelled('writeback'),
      portalId,
      ...writeBackOptions(current),
      ...(only === undefined ? {} : { only }),
    });
    return { model: current.model, summary };
  };

  const work: PortalWork = {
    async syncPortal(portalId, r = {}) {
      const conn = await deps.connection(portalId);
      const current = await settings.get(portalId);
      const only =
        r.continuesFrom === undefined ? undefined : await remaining(portalId, r.continuesFrom);
      const streams = only === undefined ? r.streams : { ...r.streams, only };
      const concurrency = r.concurrency ?? deps.syncConcurrency;
      const summary = await runSync({
        store,
        portalId,
        readers: conn.readers,
        apiStats: () => conn.api.stats(),
        rules: portalClassifier(current.settings.channelRules),
        full: r.full === true,
        ...(streams === undefined ? {} : { streams }),
        ...(concurrency === undefined ? {} : { concurrency }),
        ...(r.signal === undefined ? {} : { signal: r.signal }),
        ...(r.onProgress === undefined ? {} : { onProgress: r.onProgress }),
        ...(r.log === undefined ? {} : { log: r.log }),
      });
      deps.attribution.invalidate(portalId);
      return summary;
    },

    async refreshPortal(portalId, signal) {
      const hints = await store.changeHints(portalId, REFRESH_MAX_RECORDS + 1);
      if (hints.length === 0) return { mode: 'none' };
      if (hints.length > REFRESH_MAX_RECORDS) {
        const n = await store.countChangeHints(portalId);
        const started = Date.now();
        const sync = await work.syncPortal(portalId, signal === undefined ? {} : { signal });
        // The sync read everything modified since its last run: the hints received before it
        // started go; one received since waits for the next refresh.
        if (sync.ok) await drainHints(store, portalId, started);
        return { mode: 'sync', hints: n, sync };
      }
      const conn = await deps.connection(portalId);
      const current = await settings.get(portalId);
      const summary = await refreshRecords({
        store,
        portalId,
        readers: conn.readers('refresh'),
        rules: portalClassifier(current.settings.channelRules),
        hints,
      });
      await store.deleteChangeHints(portalId, hints);
      deps.attribution.invalidate(portalId);
      return { mode: 'records', hints: hints.length, ...summary };
    },

    async attributePortal(portalId, options) {
      const summary = await deps.attribution.attributePortal(portalId, options);
      deps.attribution.invalidate(portalId);
      return summary;
    },

    writeBackPortal: async (portalId, only) =>
      write(portalId, (await settings.get(portalId)).settings, only),

    async writeBackIfEnabled(portalId, only) {
      const current = await settings.get(portalId);
      return current.settings.writeBack.enabled
        ? write(portalId, current.settings, only)
        : undefined;
    },

    evaluatePortal: (portalId, request) => deps.evaluation.evaluateAndSave(portalId, request),

    async refreshEvaluation(portalId) {
      const started = Date.now();
      try {
        const computed = await deps.evaluation.refresh(portalId);
        if (computed === undefined) return undefined;
        return { recommended: computed.evaluation.recommended.model, ms: Date.now() - started };
      } catch (e) {
        return { error: e instanceof Error ? e.message : String(e) };
      }
    },
  };
  return work;
}

/** Removes the waiting hints received before `before` (oldest first, in pages). */
async function drainHints(store: Store, portalId: number, before: number): Promise<void> {
  for (;;) {
    const hints = (await store.changeHints(portalId, 5000)).filter((h) => h.receivedAt < before);
    if (hints.length === 0) return;
    await store.deleteChangeHints(portalId, hints);
  }
}
