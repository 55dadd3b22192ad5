// One recompute of a portal (ADR 0008), in bounded memory: deals are read in key-ordered batches,
// never the whole portal, and the read model — each deal's journey, each shown model's result and
// the card's view of it — is stored as it goes. Only what changed is written.
//
// Full: every deal. Data-driven models learn from the path counts of the stored journeys, so a
// full recompute with one walks the deals twice: once to assemble and store the journeys, once
// (over the stored journeys) to attribute them with the freshly learned weights. Without one, the
// two halves run per batch in one walk.
// Targeted (`auto`, when the last recompute is recent and under the same settings): only the
// deals the records synced since it affect, with the weights the last full recompute learned.
// The schedule's daily full recompute refreshes the learned weights and open deals' as-of date.

import { isDataDriven, type DataDrivenModelId, type ModelId } from '../../domain/index.js';
import type { Store } from '../../store/index.js';
import { modelsOf, type EnginePlan } from '../engine-plan.js';
import type { PortalAttributionSummary } from '../totals.js';
import { affectedDeals } from './affected.js';
import { emptyCounts, newTotals } from './attribute.js';
import { inlineExecutor, workerExecutor, type BatchExecutor } from './executor.js';
import { portalBasics } from '../deal-loader.js';
import { fullRecompute } from './full.js';
import { storedLearned, type Learned } from './learn.js';
import { addProblem, type Run } from './run.js';
import { targetedRecompute } from './targeted.js';

export interface RecomputeOptions {
  /** `full` (default) recomputes every deal; `auto` only what changed, when that is enough. */
  readonly mode?: 'auto' | 'full';
  /** Deals per batch (default 500): what a recompute holds at once. */
  readonly batchSize?: number;
  /** `auto` runs a full recompute when the last one is older than this (default 24 h). */
  readonly fullMaxAgeMs?: number;
  /** Most synced records a targeted recompute follows (default 20,000); more → full. */
  readonly maxChanges?: number;
  /** Most deals a targeted recompute redoes (default 5,000); more → full. */
  readonly maxTargetedDeals?: number;
  /** Told after each batch: deals done so far (for progress and the memory test). */
  readonly onBatch?: (done: { readonly deals: number; readonly held: number }) => void;
  /**
   * Worker threads for the batches (each opens its own connection to this database): used when
   * `threads` > 1 and the work is at least PARALLEL_MIN_BATCHES batches. Absent: the recompute's
   * own thread does every batch.
   */
  readonly parallel?: { readonly databaseUrl: string | undefined; readonly threads: number };
}

/** Below this many batches, starting worker threads costs more than it saves. */
export const PARALLEL_MIN_BATCHES = 4;

export const FULL_RECOMPUTE_MAX_AGE_MS = 24 * 3_600_000;

export async function recomputePortal(
  store: Store,
  plan: EnginePlan,
  portalId: number,
  at: number,
  options: RecomputeOptions = {},
): Promise<PortalAttributionSummary> {
  // Read first: a record synced while this runs is picked up again by the next recompute.
  const through = (await store.lastSyncedAt(portalId)) ?? 0;
  const models = modelsOf(plan.settings);
  const dataDriven = models.filter(isDataDriven);
  const run: Run = {
    store,
    plan,
    portalId,
    at,
    models,
    batchSize: options.batchSize ?? 500,
    onBatch: options.onBatch,
    problems: new Map(),
    counts: emptyCounts(),
    totals: newTotals(models),
    journeysSaved: 0,
    batches: 0,
    done: 0,
    threads: 1,
    maxHeldDeals: 0,
    maxHeldTouches: 0,
    removed: 0,
    assembleMs: 0,
    learnMs: 0,
    attributeMs: 0,
  };
  const t0 = performance.now();
  const state = await store.recomputeState(portalId);
  let reason = 'a full recompute was asked for';
  if (options.mode === 'auto') {
    const targeted = await targetedPlan(run, state, through, dataDriven, options);
    if (targeted.ok) {
      const executor = await executorFor(run, targeted.deals.length, options);
      let summary;
      try {
        summary = await targetedRecompute(run, targeted.deals, targeted.learned, executor);
      } finally {
        await executor.close();
      }
      await store.saveRecomputeState(portalId, {
        settingsVersion: plan.settingsVersion,
        syncedThrough: through,
        fullAt: state!.fullAt,
      });
      return { ...summary, reason: targeted.reason, ms: Math.round(performance.now() - t0) };
    }
    reason = targeted.reason;
  }
  const deals = (await store.countRecords(portalId)).deals;
  const executor = await executorFor(run, deals, options);
  let summary;
  try {
    summary = await fullRecompute(run, dataDriven, executor);
  } finally {
    await executor.close();
  }
  await store.saveRecomputeState(portalId, {
    settingsVersion: plan.settingsVersion,
    syncedThrough: through,
    fullAt: at,
  });
  return { ...summary, reason, ms: Math.round(performance.now() - t0) };
}

type TargetedPlan =
  | {
      readonly ok: true;
      readonly deals: readonly string[];
      readonly learned: ReadonlyMap<ModelId, Learned>;
      readonly reason: string;
    }
  | { readonly ok: false; readonly reason: string };

async function targetedPlan(
  run: Run,
  state: Awaited<ReturnType<Store['recomputeState']>>,
  through: number,
  dataDriven: readonly DataDrivenModelId[],
  o: RecomputeOptions,
): Promise<TargetedPlan> {
  const { store, plan, portalId, at } = run;
  if (state === undefined) return { ok: false, reason: 'the portal was never recomputed' };
  if (state.settingsVersion !== plan.settingsVersion)
    return {
      ok: false,
      reason: `the settings changed (v${state.settingsVersion} → v${plan.settingsVersion})`,
    };
  if (at - state.fullAt >= (o.fullMaxAgeMs ?? FULL_RECOMPUTE_MAX_AGE_MS))
    return { ok: false, reason: 'the daily full recompute is due' };
  const learned = await storedLearned(store, plan, portalId, dataDriven);
  if (learned === undefined) return { ok: false, reason: 'no learned weights for these settings' };
  const max = o.maxChanges ?? 20_000;
  const n = await store.countChangedRecords(portalId, state.syncedThrough, through);
  if (n > max) return { ok: false, reason: `${n} records changed (more than ${max})` };
  const changes =
    n === 0 ? [] : await store.changedRecords(portalId, state.syncedThrough, through, max);
  if (changes.some((c) => c.objectType === 'pipelines'))
    return { ok: false, reason: 'a deal pipeline changed' };
  const deals = await affectedDeals(store, portalId, changes, plan.journeyOptions.accountScope);
  const maxDeals = o.maxTargetedDeals ?? 5_000;
  if (deals.length > maxDeals)
    return { ok: false, reason: `${deals.length} deals affected (more than ${maxDeals})` };
  return {
    ok: true,
    deals,
    learned,
    reason: `${n} records changed since the last recompute, affecting ${deals.length} deals`,
  };
}

/** Worker threads for a large enough piece of work, else the recompute's own thread. */
async function executorFor(run: Run, deals: number, o: RecomputeOptions): Promise<BatchExecutor> {
  const basics = await portalBasics(run.store, run.portalId);
  for (const p of basics.problems) addProblem(run, p);
  const batches = Math.ceil(deals / run.batchSize);
  if (o.parallel !== undefined && o.parallel.threads > 1 && batches >= PARALLEL_MIN_BATCHES) {
    run.threads = Math.min(o.parallel.threads, batches);
    return workerExecutor(
      {
        databaseUrl: o.parallel.databaseUrl,
        portalId: run.portalId,
        at: run.at,
        settings: run.plan.settings,
        settingsVersion: run.plan.settingsVersion,
      },
      run.threads,
    );
  }
  return inlineExecutor({
    store: run.store,
    plan: run.plan,
    portalId: run.portalId,
    at: run.at,
    models: run.models,
    basics,
  });
}
