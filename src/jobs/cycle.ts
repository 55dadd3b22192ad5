// One portal's unit of work: sync → attribute → write-back (or the tail of that chain). The steps
// talk to HubSpot and the store only through the sync, the attribution service and the
// write-back, each of which is safe to stop and re-run.

import type { PortalConnection } from '../app/connect.js';
import { portalRules } from '../app/portal-rules.js';
import type { PortalAttributionSummary, AttributionService } from '../services/attribute.js';
import type { EvaluationService } from '../services/evaluation.js';
import type { SettingsService } from '../services/settings.js';
import type { Store } from '../store/store.js';
import type { StreamProgress } from '../sync/context.js';
import { runSync, type SyncSummary } from '../sync/run.js';
import { selectStreams } from '../sync/streams.js';
import { portalChannels } from '../writeback/schema.js';
import { writeBack, type WriteBackSummary } from '../writeback/run.js';
import { JOB_STEPS, type JobContext, type JobHandler, type JobKind, type Step } from './runner.js';

export interface CycleDeps {
  readonly store: Store;
  /** The portal's HubSpot connection (one budget per portal, shared by every step). */
  readonly connection: (portalId: number) => Promise<PortalConnection>;
  readonly attribution: AttributionService;
  readonly settings: SettingsService;
  /** Model evaluation, refreshed after each recompute when stale (worker role only). */
  readonly evaluation?: EvaluationService;
  readonly syncConcurrency?: number;
  readonly onSyncProgress?: (portalId: number, p: StreamProgress) => void;
  /** Called after each cycle with what each step did. */
  readonly onCycle?: (portalId: number, outcome: CycleOutcome) => void;
}

export interface CycleOutcome {
  readonly sync?: SyncSummary;
  readonly attribution?: PortalAttributionSummary;
  readonly writeback?: WriteBackSummary;
  /** Set when the cycle computed a new evaluation, or failed to (which fails no other step). */
  readonly evaluation?:
    { readonly recommended: string; readonly ms: number } | { readonly error: string };
}

export class CycleError extends Error {
  override readonly name = 'CycleError';
}

/** The job was asked to stop (shutdown, time slice) before its end; `resume` continues it. */
export class CycleStopped extends Error {
  override readonly name = 'CycleStopped';
  constructor(readonly resume: JobKind) {
    super(`stopped before the end; continues as ${resume}`);
  }
}

/** The job kind that does what is left when a job stops before `step`. */
const RESUME: Readonly<Record<Step, (kind: JobKind) => JobKind>> = {
  sync: (kind) => kind,
  attribute: () => 'recompute',
  writeback: () => 'writeback',
};

export function cycleHandler(deps: CycleDeps): JobHandler {
  return async (job: JobContext) => {
    const { portalId } = job;
    const conn = await deps.connection(portalId);
    const outcome: { -readonly [K in keyof CycleOutcome]: CycleOutcome[K] } = {};
    for (const step of JOB_STEPS[job.kind]) {
      if (job.signal.aborted) throw new CycleStopped(RESUME[step](job.kind));
      job.step(step);
      switch (step) {
        case 'sync': {
          outcome.sync = await runSync({
            store: deps.store,
            portalId,
            readers: conn.readers,
            apiStats: () => conn.api.stats(),
            rules: await portalRules(deps.store, portalId),
            full: job.kind === 'reconcile',
            ...(await remainingStreams(deps.store, job)),
            signal: job.signal,
            ...(deps.syncConcurrency === undefined ? {} : { concurrency: deps.syncConcurrency }),
            onProgress: (p) => deps.onSyncProgress?.(portalId, p),
          });
          deps.attribution.invalidate(portalId);
          // Stopped mid-sync: the checkpoints hold the progress; the continuation syncs on. (A
          // function call: the compiler would keep `aborted` narrowed from the loop's check.)
          if (stoppedNow(job.signal) && !outcome.sync.ok) throw new CycleStopped(job.kind);
          // A partial sync still gets attributed (what is stored is consistent), but the cycle
          // reports the failure so the status page shows it.
          break;
        }
        case 'attribute':
          outcome.attribution = await deps.attribution.attributePortal(portalId);
          deps.attribution.invalidate(portalId);
          if (deps.evaluation !== undefined) {
            const evaluation = await refreshEvaluation(deps.evaluation, portalId);
            if (evaluation !== undefined) outcome.evaluation = evaluation;
          }
          break;
        case 'writeback': {
          const { settings } = await deps.settings.get(portalId);
          if (!settings.writeBack.enabled) break;
          outcome.writeback = await writeBack({
            store: deps.store,
            api: conn.labelled('writeback'),
            portalId,
            model: settings.model,
            channels: portalChannels(settings.channelRules),
            properties: {
              deals: settings.writeBack.deal,
              contacts: settings.writeBack.contact,
              companies: settings.writeBack.company,
            },
          });
          break;
        }
      }
    }
    deps.onCycle?.(portalId, outcome);
    if (outcome.sync !== undefined && !outcome.sync.ok) {
      const failed = Object.entries(outcome.sync.streams)
        .filter(([, r]) => r.status === 'failed')
        .map(([name, r]) => (r.status === 'ok' ? name : `${name} (${r.error.kind})`));
      throw new CycleError(`sync incomplete: ${failed.join(', ')}`);
    }
    if (outcome.writeback !== undefined && outcome.writeback.failed > 0)
      throw new CycleError(`write-back: ${outcome.writeback.failed} records failed`);
  };
}

const stoppedNow = (signal: AbortSignal): boolean => signal.aborted;

/** A failed evaluation is reported with the cycle; it never stops the write-back. */
async function refreshEvaluation(
  service: EvaluationService,
  portalId: number,
): Promise<CycleOutcome['evaluation']> {
  const started = Date.now();
  try {
    const computed = await service.refresh(portalId);
    if (computed === undefined) return undefined;
    return { recommended: computed.evaluation.recommended.model, ms: Date.now() - started };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * A continued job syncs only the streams its earlier jobs have not finished since the work
 * began, so a sync split over many jobs makes progress in each. Email events always run again:
 * their clicks are matched to contacts at the end of a run that read them.
 */
async function remainingStreams(
  store: Store,
  job: JobContext,
): Promise<{ streams?: { only: string[] } }> {
  const since = job.continuesFrom;
  if (since === undefined) return {};
  const done = new Set(
    (await store.streamStatuses(job.portalId))
      .filter((s) => s.lastError === null && s.lastRunAt !== null && s.lastRunAt >= since)
      .map((s) => s.stream),
  );
  done.delete('email_events');
  return {
    streams: {
      only: selectStreams()
        .map((s) => s.name)
        .filter((n) => !done.has(n)),
    },
  };
}
