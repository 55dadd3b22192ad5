// One portal's unit of work: sync → attribute → write-back (or the tail of that chain). The steps
// are the use-cases', each safe to stop and re-run; this file decides their order, when a job
// stops and what it reports.

import type {
  EvaluationRefresh,
  PortalAttributionSummary,
  PortalWork,
  RefreshOutcome,
  StreamProgress,
  SyncSummary,
  WriteBackSummary,
} from '../usecases/index.js';
import { JOB_STEPS, type JobContext, type JobHandler, type JobKind, type Step } from './runner.js';

export interface CycleDeps {
  /** The portal's units of work (one HubSpot budget per portal, shared by every step). */
  readonly work: PortalWork;
  /** Model evaluation, refreshed after each recompute when stale (worker role only). */
  readonly evaluate?: boolean;
  readonly onSyncProgress?: (portalId: number, p: StreamProgress) => void;
  /** Called after each cycle with what each step did. */
  readonly onCycle?: (portalId: number, outcome: CycleOutcome) => void;
}

export interface CycleOutcome {
  readonly refresh?: RefreshOutcome;
  readonly sync?: SyncSummary;
  readonly attribution?: PortalAttributionSummary;
  readonly writeback?: WriteBackSummary;
  /** Set when the cycle computed a new evaluation, or failed to (which fails no other step). */
  readonly evaluation?: NonNullable<EvaluationRefresh>;
  /** Wall time of each step that ran (ms; `attribute` includes the evaluation). */
  readonly stepMs?: Readonly<Partial<Record<Step, number>>>;
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
  refresh: (kind) => kind,
  sync: (kind) => kind,
  attribute: () => 'recompute',
  writeback: () => 'writeback',
};

export function cycleHandler(deps: CycleDeps): JobHandler {
  const { work } = deps;
  return async (job: JobContext) => {
    const { portalId } = job;
    const outcome: { -readonly [K in keyof CycleOutcome]: CycleOutcome[K] } = {};
    const stepMs: Partial<Record<Step, number>> = {};
    outcome.stepMs = stepMs;
    for (const step of JOB_STEPS[job.kind]) {
      if (job.signal.aborted) throw new CycleStopped(RESUME[step](job.kind));
      job.step(step);
      const started = performance.now();
      switch (step) {
        case 'refresh': {
          const refresh = await work.refreshPortal(portalId, job.signal);
          if (refresh.mode !== 'none') outcome.refresh = refresh;
          break;
        }
        case 'sync': {
          outcome.sync = await work.syncPortal(portalId, {
            full: job.kind === 'reconcile',
            ...(job.continuesFrom === undefined ? {} : { continuesFrom: job.continuesFrom }),
            signal: job.signal,
            onProgress: (p) => deps.onSyncProgress?.(portalId, p),
          });
          // Stopped mid-sync: the checkpoints hold the progress; the continuation syncs on. (A
          // function call: the compiler would keep `aborted` narrowed from the loop's check.)
          if (stoppedNow(job.signal) && !outcome.sync.ok) throw new CycleStopped(job.kind);
          // A partial sync still gets attributed (what is stored is consistent), but the cycle
          // reports the failure so the status page shows it.
          break;
        }
        case 'attribute':
          // A sync is followed by what it changed (a full recompute when that is not enough, or
          // daily); an asked-for recompute (settings saved, "Recompute now") redoes every deal.
          outcome.attribution = await work.attributePortal(portalId, {
            mode: job.kind === 'recompute' ? 'full' : 'auto',
          });
          if (deps.evaluate === true) {
            const evaluation = await work.refreshEvaluation(portalId);
            if (evaluation !== undefined) outcome.evaluation = evaluation;
          }
          break;
        case 'writeback': {
          const a = outcome.attribution;
          // After a targeted recompute only its deals and their reach can have changed.
          const only =
            a?.scope === 'changed'
              ? {
                  deals: a.changedDeals ?? [],
                  contacts: a.reached?.contacts ?? [],
                  companies: a.reached?.companies ?? [],
                }
              : undefined;
          const written = await work.writeBackIfEnabled(portalId, only);
          if (written !== undefined) outcome.writeback = written.summary;
          break;
        }
      }
      stepMs[step] = Math.round(performance.now() - started);
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
