// A recompute's second half for one batch of journeys: every shown model's result (rule models
// per journey, data-driven ones with the portal's learned weights) and the card's view of each,
// stored when they changed; won revenue added to the run's totals. Every cent comes from the
// engine's allocation, so results, views and write-back agree.

import { createHash } from 'node:crypto';
import { isDataDriven, isRuleModelId, type ModelId } from '../../domain/index.js';
import {
  attributeJourney,
  attributeWithLearned,
  getModel,
  type DealAttribution,
  type Journey,
} from '../../attribution/index.js';
import type { AttributionRecord, DealViewRecord, Store } from '../../store/index.js';
import { dealView, loadedOf, type ModelOutcome } from '../deal-view.js';
import type { EnginePlan } from '../engine-plan.js';
import { RevenueTotals } from '../totals.js';
import type { Assembled } from './assemble.js';
import type { Learned } from './learn.js';
import { viewKey } from './views.js';

export interface AttributeContext {
  readonly store: Store;
  readonly plan: EnginePlan;
  readonly portalId: number;
  readonly at: number;
  /** The active model first, then the comparison models. */
  readonly models: readonly ModelId[];
  readonly learned: ReadonlyMap<ModelId, Learned>;
  readonly totals: ReadonlyMap<ModelId, RevenueTotals>;
  readonly counts: AttributeCounts;
}

export interface AttributeCounts {
  deals: number;
  won: number;
  lost: number;
  open: number;
  attributed: number;
  withoutAmount: number;
  resultsSaved: number;
  resultsUnchanged: number;
  viewsSaved: number;
  viewsUnchanged: number;
}

export const emptyCounts = (): AttributeCounts => ({
  deals: 0,
  won: 0,
  lost: 0,
  open: 0,
  attributed: 0,
  withoutAmount: 0,
  resultsSaved: 0,
  resultsUnchanged: 0,
  viewsSaved: 0,
  viewsUnchanged: 0,
});

export const newTotals = (models: readonly ModelId[]): Map<ModelId, RevenueTotals> =>
  new Map(models.map((m) => [m, new RevenueTotals()]));

export async function attributeBatch(
  ctx: AttributeContext,
  docs: readonly Assembled[],
): Promise<void> {
  const { store, plan, portalId, at, models, counts } = ctx;
  if (docs.length === 0) return;
  const ids = docs.map((d) => d.dealId);
  const [stamps, viewHashes] = await Promise.all([
    store.attributionStamps(portalId, ids),
    store.dealViewHashes(portalId, ids),
  ]);
  const results: AttributionRecord[] = [];
  const views: DealViewRecord[] = [];
  for (const { dealId, doc, hash: journeyHash } of docs) {
    const { journey } = doc;
    const keys: string[] = [];
    counts.deals++;
    counts[journey.deal.stage]++;
    if (doc.amountMissing) counts.withoutAmount++;
    const outcomes = new Map<ModelId, ModelOutcome>();
    for (const model of models) {
      const o = outcome(plan, model, journey, ctx.learned.get(model));
      outcomes.set(model, o);
      if (!o.ok) {
        keys.push(`unavailable: ${o.message}`);
        continue;
      }
      const result = o.attribution;
      if (model === models[0] && result.status === 'attributed') counts.attributed++;
      if (journey.deal.stage === 'won') ctx.totals.get(model)?.add(journey, result);
      const version = getModel(model).version;
      const hash = resultHash(model, version, result);
      keys.push(hash);
      const prev = stamps.get(`${dealId}\u0000${model}`);
      if (prev?.hash === hash && prev.settingsVersion === plan.settingsVersion) {
        counts.resultsUnchanged++;
        continue;
      }
      counts.resultsSaved++;
      results.push({
        dealId,
        model,
        modelVersion: version,
        settingsVersion: plan.settingsVersion,
        // An unchanged result keeps its time, so write-back sees nothing new.
        computedAt: prev?.hash === hash ? prev.computedAt : at,
        result: withoutReasons(result),
        hash,
      });
    }
    const inputs = {
      settingsVersion: plan.settingsVersion,
      models,
      journey: journeyHash,
      outcomes: keys,
    };
    for (const model of models) {
      // Built and serialised only when what it is built from changed.
      const key = viewKey(inputs, model);
      if (viewHashes.get(`${dealId}\u0000${model}`) === key) {
        counts.viewsUnchanged++;
        continue;
      }
      counts.viewsSaved++;
      const body = dealView({
        portalId,
        loaded: loadedOf(doc),
        journey,
        model,
        outcome: outcomes.get(model)!,
        comparison: models
          .filter((m) => m !== model)
          .map((m) => ({ model: m, outcome: outcomes.get(m)! })),
        settingsVersion: plan.settingsVersion,
        now: at,
      });
      views.push({
        dealId,
        model,
        settingsVersion: plan.settingsVersion,
        computedAt: at,
        body: JSON.stringify(body),
        hash: key,
      });
    }
  }
  await store.saveAttributions(portalId, results);
  await store.saveDealViews(portalId, views);
}

/**
 * The result as stored: each credit's one-line reason is left out (it is most of a result's
 * bytes, and the card's stored view holds it); the cents, roles and touches are what write-back
 * and reports read.
 */
function withoutReasons(result: DealAttribution): DealAttribution {
  if (result.status !== 'attributed') return result;
  return { ...result, credits: result.credits.map((c) => ({ ...c, reason: '' })) };
}

function outcome(
  plan: EnginePlan,
  model: ModelId,
  journey: Journey,
  learned: Learned | undefined,
): ModelOutcome {
  if (isRuleModelId(model)) {
    return {
      ok: true,
      attribution: attributeJourney(journey, model, plan.modelOptions(model), plan.extra),
    };
  }
  if (!isDataDriven(model) || learned === undefined) throw new Error(`no learned ${model}`);
  if (!learned.ok) return { ok: false, message: learned.message };
  return { ok: true, attribution: attributeWithLearned(journey, learned.value, model) };
}

/**
 * The result's identity for "did it change". Results are built by the engine in a fixed key order,
 * so plain JSON is stable here and several times faster than the store's canonical (key-sorted)
 * hash, which matters at every model × every deal of a portal.
 */
function resultHash(model: ModelId, version: number, result: DealAttribution): string {
  return createHash('sha256')
    .update(`${model}\u0000${String(version)}\u0000${JSON.stringify(result)}`)
    .digest('hex');
}
