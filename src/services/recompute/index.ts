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
import { readStoredJourney } from '../../read-model/index.js';
import type { Store, StoredRecord } from '../../store/index.js';
import { portalBasics, type PortalBasics } from '../deal-loader.js';
import type { DataProblem } from '../deal-records.js';
import { modelsOf, type EnginePlan } from '../engine-plan.js';
import type { ModelTotals, PortalAttributionSummary } from '../totals.js';
import { affectedDeals } from './affected.js';
import { assembleBatch, type Assembled, type AssembleContext } from './assemble.js';
import {
  attributeBatch,
  emptyCounts,
  newTotals,
  type AttributeContext,
  type AttributeCounts,
} from './attribute.js';
import { learnFromCounts, storedLearned, type Learned } from './learn.js';

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
}

export const FULL_RECOMPUTE_MAX_AGE_MS = 24 * 3_600_000;

interface Run {
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
  removed: number;
  assembleMs: number;
  learnMs: number;
  attributeMs: number;
}

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
    journeysSaved: 0,
    removed: 0,
    assembleMs: 0,
    learnMs: 0,
    attributeMs: 0,
  };
  const state = await store.recomputeState(portalId);
  let reason = 'a full recompute was asked for';
  if (options.mode === 'auto') {
    const targeted = await targetedPlan(run, state, through, dataDriven, options);
    if (targeted.ok) {
      const summary = await targetedRecompute(run, targeted.deals, targeted.learned);
      await store.saveRecomputeState(portalId, {
        settingsVersion: plan.settingsVersion,
        syncedThrough: through,
        fullAt: state!.fullAt,
      });
      return { ...summary, reason: targeted.reason };
    }
    reason = targeted.reason;
  }
  const summary = await fullRecompute(run, dataDriven);
  await store.saveRecomputeState(portalId, {
    settingsVersion: plan.settingsVersion,
    syncedThrough: through,
    fullAt: at,
  });
  return { ...summary, reason };
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

async function fullRecompute(
  run: Run,
  dataDriven: readonly DataDrivenModelId[],
): Promise<Omit<PortalAttributionSummary, 'reason'>> {
  const { store, plan, portalId, at, models } = run;
  const basics = await portalBasics(store, portalId);
  for (const p of basics.problems) addProblem(run, p);
  const totals = newTotals(models);
  // Without a data-driven model, each batch is attributed as soon as it is assembled.
  const fused = dataDriven.length === 0;
  const learned = new Map<ModelId, Learned>();
  const attributing: AttributeContext = {
    store,
    plan,
    portalId,
    at,
    models,
    learned,
    totals,
    counts: run.counts,
  };
  let previous: string | undefined;
  let done = 0;
  for await (const records of store.iterateRecords(portalId, 'deals', {
    pageSize: run.batchSize,
    includeArchived: true,
  })) {
    const assembled = await assemble(run, basics, records);
    await removeGone(run, assembled, previous, records.at(-1)!.id);
    previous = records.at(-1)!.id;
    if (fused) await attribute(run, attributing, assembled);
    done += assembled.length;
    run.onBatch?.({ deals: done, held: assembled.length });
  }
  await removeGone(run, [], previous, undefined);

  if (!fused) {
    const t0 = performance.now();
    for (const [model, l] of await learnFromCounts(store, plan, portalId, dataDriven, at))
      learned.set(model, l);
    run.learnMs += performance.now() - t0;
    let after: string | undefined;
    done = 0;
    for (;;) {
      const page = await store.listDealJourneys(portalId, {
        limit: run.batchSize,
        ...(after === undefined ? {} : { afterDealId: after }),
      });
      if (page.length === 0) break;
      after = page.at(-1)!.dealId;
      const docs: Assembled[] = [];
      for (const record of page) {
        const r = readStoredJourney(record);
        if (!r.ok) throw new Error(r.message);
        docs.push({ dealId: record.dealId, doc: r.value, computedAt: record.computedAt });
      }
      await attribute(run, attributing, docs);
      done += docs.length;
      run.onBatch?.({ deals: done, held: docs.length });
      if (page.length < run.batchSize) break;
    }
  }
  const withResults = models.filter((m) => !isDataDriven(m) || learned.get(m)?.ok === true);
  await store.pruneModels(portalId, withResults, models);

  const modelTotals: ModelTotals[] = models.map((model) => {
    const l = learned.get(model);
    return {
      model,
      revenue: totals.get(model)!.result(),
      unavailable: l !== undefined && !l.ok ? l.message : null,
    };
  });
  return summaryOf(run, 'portal', modelTotals);
}

async function targetedRecompute(
  run: Run,
  dealIds: readonly string[],
  learned: ReadonlyMap<ModelId, Learned>,
): Promise<Omit<PortalAttributionSummary, 'reason'>> {
  const { store, plan, portalId, at, models } = run;
  const basics = await portalBasics(store, portalId);
  const totals = newTotals(models);
  const attributing: AttributeContext = {
    store,
    plan,
    portalId,
    at,
    models,
    learned,
    totals,
    counts: run.counts,
  };
  const contacts = new Set<string>();
  const companies = new Set<string>();
  for (let i = 0; i < dealIds.length; i += run.batchSize) {
    const ids = dealIds.slice(i, i + run.batchSize);
    const records = await store.getRecords(portalId, 'deals', ids);
    const batch = await assembleBatch(contextOf(run, basics), records);
    noteAssembled(run, batch);
    for (const id of batch.reached.contacts) contacts.add(id);
    for (const id of batch.reached.companies) companies.add(id);
    const live = new Set(batch.assembled.map((a) => a.dealId));
    const gone = ids.filter((id) => !live.has(id));
    if (gone.length > 0) {
      for (const m of (await store.journeyMembers(portalId, gone)).values()) {
        for (const id of m.contacts) contacts.add(id);
        for (const id of m.companies) companies.add(id);
      }
      run.removed += await store.deleteDealResults(portalId, gone);
    }
    await attribute(run, attributing, batch.assembled);
    run.onBatch?.({ deals: Math.min(i + run.batchSize, dealIds.length), held: ids.length });
  }
  const modelTotals: ModelTotals[] = models.map((model) => {
    const l = learned.get(model);
    return {
      model,
      revenue: totals.get(model)!.result(),
      unavailable: l !== undefined && !l.ok ? l.message : null,
    };
  });
  return {
    ...summaryOf(run, 'changed', modelTotals),
    changedDeals: dealIds,
    reached: { contacts: [...contacts], companies: [...companies] },
  };
}

const contextOf = (run: Run, basics: PortalBasics): AssembleContext => ({
  store: run.store,
  plan: run.plan,
  portalId: run.portalId,
  at: run.at,
  basics,
});

async function assemble(
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

function noteAssembled(run: Run, batch: Awaited<ReturnType<typeof assembleBatch>>): void {
  run.journeysSaved += batch.saved;
  for (const p of batch.problems) addProblem(run, p);
}

async function attribute(
  run: Run,
  ctx: AttributeContext,
  docs: readonly Assembled[],
): Promise<void> {
  const t0 = performance.now();
  await attributeBatch(ctx, docs);
  run.attributeMs += performance.now() - t0;
}

/**
 * Deletes the stored read model of deals gone from the portal: the stored journeys after
 * `previous` and up to `last` (the batch's key range; to the end when undefined) that this batch
 * did not assemble. Batches come in key order, so every stored deal is looked at once.
 */
async function removeGone(
  run: Run,
  assembled: readonly Assembled[],
  previous: string | undefined,
  last: string | undefined,
): Promise<void> {
  const live = new Set(assembled.map((a) => a.dealId));
  let after = previous;
  for (;;) {
    const stamps = await run.store.listDealJourneyStamps(run.portalId, {
      limit: 5000,
      ...(after === undefined ? {} : { afterDealId: after }),
      ...(last === undefined ? {} : { throughDealId: last }),
    });
    const gone = stamps.map((s) => s.dealId).filter((id) => !live.has(id));
    if (gone.length > 0) run.removed += await run.store.deleteDealResults(run.portalId, gone);
    if (stamps.length < 5000) return;
    after = stamps.at(-1)!.dealId;
  }
}

function addProblem(run: Run, p: DataProblem): void {
  run.problems.set(`${p.objectType}\u0000${p.id}\u0000${p.field}`, p);
}

function summaryOf(
  run: Run,
  scope: 'portal' | 'changed',
  models: readonly ModelTotals[],
): Omit<PortalAttributionSummary, 'reason'> {
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
    problems: [...run.problems.values()],
  };
}
