// What one recompute carries through its batches (run state, counters, timings), and the steps
// both a full and a targeted recompute take per batch.

import type { ModelId } from '../../domain/index.js';
import type { Store, StoredRecord } from '../../store/index.js';
import type { PortalBasics } from '../deal-loader.js';
import type { DataProblem } from '../deal-records.js';
import type { EnginePlan } from '../engine-plan.js';
import type { ModelTotals, PortalAttributionSummary } from '../totals.js';
import { assembleBatch, type Assembled, type AssembleContext } from './assemble.js';
import { attributeBatch, type AttributeContext, type AttributeCounts } from './attribute.js';
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
  journeysSaved: number;
  /** Batches walked, and the most deals and journey touches one batch held. */
  batches: number;
  maxHeldDeals: number;
  maxHeldTouches: number;
  removed: number;
  assembleMs: number;
  learnMs: number;
  attributeMs: number;
}

export const contextOf = (run: Run, basics: PortalBasics): AssembleContext => ({
  store: run.store,
  plan: run.plan,
  portalId: run.portalId,
  at: run.at,
  basics,
});

export async function assemble(
  run: Run,
  basics: PortalBasics,
  records: readonly StoredRecord[],
): Promise<readonly Assembled[]> {
  const t0 = performance.now();
  const batch = await assembleBatch(contextOf(run, basics), records);
  noteAssembled(run, batch);
  run.assembleMs += performance.now() - t0;
  return batch.assembled;
}

export function noteAssembled(run: Run, batch: Awaited<ReturnType<typeof assembleBatch>>): void {
  run.journeysSaved += batch.saved;
  for (const p of batch.problems) addProblem(run, p);
}

export async function attribute(
  run: Run,
  ctx: AttributeContext,
  docs: readonly Assembled[],
): Promise<void> {
  const t0 = performance.now();
  await attributeBatch(ctx, docs);
  run.attributeMs += performance.now() - t0;
}

/** After each batch: what it held (the memory a recompute needs is one batch's). */
export function noteBatch(run: Run, done: number, held: readonly Assembled[]): void {
  run.batches++;
  run.maxHeldDeals = Math.max(run.maxHeldDeals, held.length);
  let touches = 0;
  for (const a of held) touches += a.doc.journey.touches.length;
  run.maxHeldTouches = Math.max(run.maxHeldTouches, touches);
  run.onBatch?.({ deals: done, held: held.length });
}

export function addProblem(run: Run, p: DataProblem): void {
  run.problems.set(`${p.objectType}\u0000${p.id}\u0000${p.field}`, p);
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
      maxDeals: run.maxHeldDeals,
      maxTouches: run.maxHeldTouches,
    },
    problems: [...run.problems.values()],
  };
}
