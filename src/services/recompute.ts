// One recompute of a portal under its current plan: every deal's journey, the active model and
// the comparison models, stored as the read model — per deal its journey (deal facts, touches
// under the rules in force, each touch's resolved contacts and companies) and per model its
// result. Only what changed is written; deals gone from the portal lose their stored results.
//
// Data-driven models learn channel weights from all won and lost journeys of the portal, then
// apply them per deal (ATTRIBUTION.md §4.5). They are learned here, by the worker, and nowhere
// else: the card reads what this stored.

import { createHash } from 'node:crypto';
import {
  isDataDriven,
  isRuleModelId,
  type DataDrivenModelId,
  type ModelId,
} from '../domain/index.js';
import {
  attributeWithLearned,
  rowsFromJourneys,
  attributeJourney,
  getModel,
  type DealAttribution,
  type Journey,
  type LearnedModel,
} from '../attribution/index.js';
import type { Result } from '../kernel/index.js';
import type { AttributionRecord, DealJourneyRecord, Store } from '../store/index.js';
import type { ModelOutcome } from './deal-view.js';
import { modelsOf, type EnginePlan } from './engine-plan.js';
import { loadOptionsOf, portalJourneys } from './journeys.js';
import { loadPortalData, type PortalData } from './portal-data.js';
import { journeyHash, storedJourney, type TouchLinks } from '../read-model/index.js';
import { RevenueTotals, type PortalAttributionSummary, type ModelTotals } from './totals.js';

const SAVE_BATCH = 500;
const LIST_PAGE = 5000;

type Learned = Result<LearnedModel>;

export async function recomputePortal(
  store: Store,
  plan: EnginePlan,
  portalId: number,
  at: number,
): Promise<PortalAttributionSummary> {
  const data = await loadPortalData(store, portalId, loadOptionsOf(plan));
  const deals = portalJourneys(data, plan, at);
  const models = modelsOf(plan.settings);

  const learned = new Map<ModelId, Learned>();
  for (const model of models) {
    if (isDataDriven(model))
      learned.set(
        model,
        learn(
          plan,
          model,
          deals.map((d) => d.journey),
        ),
      );
  }

  const previous = await storedHashes(store, portalId);
  const toSave: AttributionRecord[] = [];
  let unchanged = 0;
  const totals: ModelTotals[] = [];
  let attributed = 0;
  for (const model of models) {
    const l = learned.get(model);
    const revenue = new RevenueTotals();
    const version = getModel(model).version;
    for (const { journey } of deals) {
      const o = outcome(plan, model, journey, l);
      if (!o.ok) continue;
      const result = o.attribution;
      if (model === plan.settings.model && result.status === 'attributed') attributed++;
      if (journey.deal.stage === 'won') revenue.add(journey, result);
      const hash = resultHash(model, version, result);
      const prev = previous.get(`${journey.deal.id}\u0000${model}`);
      if (prev?.hash === hash && prev.settingsVersion === plan.settingsVersion) {
        unchanged++;
        continue;
      }
      toSave.push({
        dealId: journey.deal.id,
        model,
        modelVersion: version,
        settingsVersion: plan.settingsVersion,
        // An unchanged result keeps its time, so write-back sees nothing new.
        computedAt: prev?.hash === hash ? prev.computedAt : at,
        result,
        hash,
      });
    }
    totals.push({
      model,
      revenue: revenue.result(),
      unavailable: l !== undefined && !l.ok ? l.message : null,
    });
  }
  for (let i = 0; i < toSave.length; i += SAVE_BATCH) {
    await store.saveAttributions(portalId, toSave.slice(i, i + SAVE_BATCH));
  }

  // The deal half of the read model, saved after the results it names.
  const modelState: Record<string, string | null> = {};
  for (const t of totals) modelState[t.model] = t.unavailable;
  const links = await touchLinks(store, portalId, data, deals);
  const stamps = await journeyStamps(store, portalId);
  const journeys: DealJourneyRecord[] = [];
  for (const { loaded, journey } of deals) {
    const own: Record<string, TouchLinks> = {};
    for (const t of journey.touches) own[t.id] = links.get(t.id)!;
    const doc = storedJourney(loaded, journey, own, modelState);
    const hash = journeyHash(doc);
    if (stamps.get(journey.deal.id) === hash) continue;
    journeys.push({
      dealId: journey.deal.id,
      settingsVersion: plan.settingsVersion,
      computedAt: at,
      journey: doc as never,
      hash,
    });
  }
  for (let i = 0; i < journeys.length; i += SAVE_BATCH) {
    await store.saveDealJourneys(portalId, journeys.slice(i, i + SAVE_BATCH));
  }
  const live = new Set(deals.map((d) => d.journey.deal.id));
  const gone = [
    ...new Set([...stamps.keys(), ...[...previous.values()].map((p) => p.dealId)]),
  ].filter((id) => !live.has(id));
  for (let i = 0; i < gone.length; i += SAVE_BATCH) {
    await store.deleteDealResults(portalId, gone.slice(i, i + SAVE_BATCH));
  }

  const stages = { won: 0, lost: 0, open: 0 };
  let withoutAmount = 0;
  for (const { loaded } of deals) {
    stages[loaded.deal.stage]++;
    if (loaded.amountMissing) withoutAmount++;
  }
  return {
    portalId,
    model: plan.settings.model,
    settingsVersion: plan.settingsVersion,
    computedAt: at,
    deals: {
      total: deals.length,
      ...stages,
      attributed,
      unattributed: deals.length - attributed,
      withoutAmount,
    },
    models: totals,
    records: { saved: toSave.length, unchanged },
    journeys: { saved: journeys.length, unchanged: deals.length - journeys.length },
    removedDeals: gone.length,
    problems: data.problems,
  };
}

function learn(plan: EnginePlan, model: DataDrivenModelId, journeys: readonly Journey[]): Learned {
  const m = getModel(model);
  if (m.kind !== 'data_driven') throw new Error(`${model} is not data-driven`);
  const r = m.learn(rowsFromJourneys(journeys), plan.modelOptions(model));
  return r.ok ? r : { ok: false, error: r.error, message: unavailableMessage(r.error, r.message) };
}

function outcome(
  plan: EnginePlan,
  model: ModelId,
  journey: Journey,
  learned?: Learned,
): ModelOutcome {
  if (isRuleModelId(model)) {
    return {
      ok: true,
      attribution: attributeJourney(journey, model, plan.modelOptions(model), plan.extra),
    };
  }
  if (learned === undefined) throw new Error(`no learned model for ${model}`);
  if (!learned.ok) return { ok: false, message: learned.message };
  return { ok: true, attribution: attributeWithLearned(journey, learned.value, model) };
}

/**
 * Every journey touch's contacts, with merged contacts replaced by the contact they merged
 * into, and its companies: its own, else its contacts' (for contact and company influence).
 */
async function touchLinks(
  store: Store,
  portalId: number,
  data: PortalData,
  deals: readonly { readonly journey: Journey }[],
): Promise<Map<string, TouchLinks>> {
  const touches = new Map<string, Journey['touches'][number]>();
  for (const { journey } of deals) for (const t of journey.touches) touches.set(t.id, t);
  const rawContacts = new Set<string>();
  const rawCompanies = new Set<string>();
  for (const t of touches.values()) {
    for (const id of t.contactIds) rawContacts.add(id);
    for (const id of t.companyIds ?? []) rawCompanies.add(id);
  }
  const contactId =
    rawContacts.size === 0
      ? new Map<string, string>()
      : await store.resolveIds(portalId, 'contacts', [...rawContacts]);
  const companyId =
    rawCompanies.size === 0
      ? new Map<string, string>()
      : await store.resolveIds(portalId, 'companies', [...rawCompanies]);
  const out = new Map<string, TouchLinks>();
  for (const t of touches.values()) {
    const contacts = [...new Set(t.contactIds.map((id) => contactId.get(id) ?? id))];
    const own = (t.companyIds ?? []).map((id) => companyId.get(id) ?? id);
    const companies =
      own.length > 0 ? own : contacts.flatMap((c) => data.contacts.get(c)?.companyIds ?? []);
    out.set(t.id, { contactIds: contacts, companyIds: [...new Set(companies)] });
  }
  return out;
}

/**
 * The result's identity for "did it change". Results are built by the engine in a fixed key order,
 * so plain JSON is stable here and several times faster than the store's canonical (key-sorted)
 * hash, which matters at 4 models × every deal of a portal.
 */
function resultHash(model: ModelId, version: number, result: DealAttribution): string {
  return createHash('sha256')
    .update(`${model}\u0000${String(version)}\u0000${JSON.stringify(result)}`)
    .digest('hex');
}

function unavailableMessage(error: string, detail: string): string {
  switch (error) {
    case 'no_conversions':
      return 'This data-driven model needs at least one won deal with touches to learn from.';
    case 'needs_nulls':
      return 'This model compares won with lost deals: it needs at least one lost deal with touches to learn from.';
    case 'logistic_not_converged':
      return `The logistic regression did not converge on this portal's journeys (${detail}).`;
    case 'markov_not_converged':
      return `The Markov model did not converge on this portal's journeys (${detail}).`;
    case 'shapley_set_too_large':
      return `A journey touches too many channels for exact Shapley values (${detail}).`;
    default:
      return detail;
  }
}

type Stamp = Pick<AttributionRecord, 'dealId' | 'hash' | 'settingsVersion' | 'computedAt'>;

/** Hash, settings version and time of every stored result, by deal and model. */
async function storedHashes(store: Store, portalId: number): Promise<Map<string, Stamp>> {
  const out = new Map<string, Stamp>();
  let after: string | undefined;
  for (;;) {
    const page = await store.listAttributions(portalId, {
      limit: LIST_PAGE,
      ...(after === undefined ? {} : { afterDealId: after }),
    });
    // A full page may end inside a deal's models: that deal is read again with the next page.
    const full = page.length === LIST_PAGE;
    const last = page.at(-1)?.dealId;
    for (const r of page) {
      if (full && r.dealId === last) continue;
      out.set(`${r.dealId}\u0000${r.model}`, r);
    }
    if (!full) break;
    after = page.findLast((r) => r.dealId !== last)?.dealId;
    if (after === undefined) throw new Error(`deal ${String(last)} has over ${LIST_PAGE} results`);
  }
  return out;
}

/** Hash of every stored journey, by deal. */
async function journeyStamps(store: Store, portalId: number): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let after: string | undefined;
  for (;;) {
    const page = await store.listDealJourneyStamps(portalId, {
      limit: LIST_PAGE,
      ...(after === undefined ? {} : { afterDealId: after }),
    });
    for (const r of page) out.set(r.dealId, r.hash);
    if (page.length < LIST_PAGE) break;
    after = page[page.length - 1]!.dealId;
  }
  return out;
}
