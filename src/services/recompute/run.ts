// What one recompute carries through its batches (run state, counters, timings), how the batches
// are handed to an executor (at most its capacity at once) and how their results add up.

import type { ModelId } from '../../domain/index.js';
import type { Store } from '../../store/index.js';
import type { DataProblem } from '../deal-records.js';
import type { EnginePlan } from '../engine-plan.js';
import type { ModelTotals, PortalAttributionSummary, RevenueTotals } from '../totals.js';
import type { AttributeCounts } from './attribute.js';
import type { BatchJob, BatchResult } from './batch.js';
import type { BatchExecutor } from './executor.js';
import type { RecomputeOptions } from './index.js';

export interface Run {
  readonly store: Store;
  readonly plan: EnginePlan;
  readonly portalId: number;
  readonly at: number;
  readonly models: readonly ModelId[];
  readonly batchSize: number;
  readonly onBatch: RecomputeOptions['onBatch'];
  readonly problems: Map<string, DataProblem>;
  readonly counts: AttributeCounts;
  readonly totals: ReadonlyMap<ModelId, RevenueTotals>;
  journeysSaved: number;
  /** Batches walked, and the most deals and journey touches one batch held. */
  batches: number;
  done: number;
  maxHeldDeals: number;
  maxHeldTouches: number;
  removed: number;
  /** Summed over the threads the batches ran on. */
  assembleMs: number;
  learnMs: number;
  attributeMs: number;
  /** Threads the batches ran on (1: the recompute's own). */
  threads: number;
}

/** Adds one batch's result to the run. */
export function merge(run: Run, r: BatchResult): void {
  run.journeysSaved += r.journeysSaved;
  for (const p of r.problems) addProblem(run, p);
  for (const [k, v] of Object.entries(r.counts) as [keyof AttributeCounts, number][])
    run.counts[k] += v;
  for (const [model, totals] of r.totals) run.totals.get(model)?.merge(totals);
  run.assembleMs += r.assembleMs;
  run.attributeMs += r.attributeMs;
  run.batches++;
  run.done += r.held.deals;
  run.maxHeldDeals = Math.max(run.maxHeldDeals, r.held.deals);
  run.maxHeldTouches = Math.max(run.maxHeldTouches, r.held.touches);
  run.onBatch?.({ deals: run.done, held: r.held.deals });
}

/**
 * Hands jobs to an executor, at most its capacity at once; each result is handled as it lands.
 * The first failure stops the submitting (after the jobs running finish) and is thrown.
 */
export class Dispatcher {
  private readonly inflight = new Set<Promise<void>>();
  private failure: { readonly error: unknown } | undefined;

  constructor(private readonly executor: BatchExecutor) {}

  async submit(job: BatchJob, onDone: (r: BatchResult) => Promise<void> | void): Promise<void> {
    this.check();
    const p: Promise<void> = this.executor
      .run(job)
      .then(onDone)
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
    if (this.inflight.size >= this.executor.capacity) await Promise.race(this.inflight);
    this.check();
  }

  async drain(): Promise<void> {
    await Promise.all(this.inflight);
    this.check();
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }
}

export function addProblem(run: Run, p: DataProblem): void {
  run.problems.set(`${p.objectType}\u0000${p.id}\u0000${p.field}`, p);
}

export function modelTotals(
  run: Run,
  unavailable: (model: ModelId) => string | null,
): ModelTotals[] {
  return run.models.map((model) => ({
    model,
    revenue: run.totals.get(model)!.result(),
    unavailable: unavailable(model),
  }));
}

export function summaryOf(
  run: Run,
  scope: 'portal' | 'changed',
  models: readonly ModelTotals[],
): Omit<PortalAttributionSummary, 'reason' | 'ms'> {
  const c = run.counts;
  return {
    portalId: run.portalId,
    model: run.plan.settings.model,
    settingsVersion: run.plan.settingsVersion,
    computedAt: run.at,
    scope,
    deals: {
      total: c.deals,
      won: c.won,
      lost: c.lost,
      open: c.open,
      attributed: c.attributed,
      unattributed: c.deals - c.attributed,
      withoutAmount: c.withoutAmount,
    },
    models,
    records: { saved: c.resultsSaved, unchanged: c.resultsUnchanged },
    journeys: { saved: run.journeysSaved, unchanged: c.deals - run.journeysSaved },
    views: { saved: c.viewsSaved, unchanged: c.viewsUnchanged },
    timings: {
      assembleMs: Math.round(run.assembleMs),
      learnMs: Math.round(run.learnMs),
      attributeMs: Math.round(run.attributeMs),
    },
    removedDeals: run.removed,
    batches: {
      size: run.batchSize,
      count: run.batches,
      threads: run.threads,
      maxDeals: run.maxHeldDeals,
      maxTouches: run.maxHeldTouches,
    },
    problems: [...run.problems.values()],
  };
}
