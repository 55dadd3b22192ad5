// A portal's units of work — sync, attribute, write-back, evaluate — as the jobs, the CLI and the
// benchmarks run them. Each reads the portal's settings through the settings service only, and
// this file is the one place settings become write-back options.

import type { Settings } from '../domain/index.js';
import { portalClassifier } from '../channels/index.js';
import type {
  AttributionService,
  ComputedEvaluation,
  EvaluateRequest,
  EvaluationService,
  PortalAttributionSummary,
  SettingsService,
} from '../services/index.js';
import type { Store } from '../store/index.js';
import {
  runSync,
  selectStreams,
  type StreamProgress,
  type StreamSelection,
  type SyncLogger,
  type SyncSummary,
} from '../sync/index.js';
import {
  portalChannels,
  writeBack,
  type WriteBackOptions,
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
  attributePortal(portalId: number): Promise<PortalAttributionSummary>;
  /** Writes the active model's results to HubSpot (only what changed), as asked. */
  writeBackPortal(portalId: number): Promise<WriteBackResult>;
  /** The cycle's write-back: skipped (undefined) while the settings switch write-back off. */
  writeBackIfEnabled(portalId: number): Promise<WriteBackResult | undefined>;
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

  const write = async (portalId: number, current: Settings): Promise<WriteBackResult> => {
    const conn = await deps.connection(portalId);
    const summary = await writeBack({
      store,
      api: conn.labelled('writeback'),
      portalId,
      ...writeBackOptions(current),
    });
    return { model: current.model, summary };
  };

  return {
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

    async attributePortal(portalId) {
      const summary = await deps.attribution.attributePortal(portalId);
      deps.attribution.invalidate(portalId);
      return summary;
    },

    writeBackPortal: async (portalId) => write(portalId, (await settings.get(portalId)).settings),

    async writeBackIfEnabled(portalId) {
      const current = await settings.get(portalId);
      return current.settings.writeBack.enabled ? write(portalId, current.settings) : undefined;
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
}
