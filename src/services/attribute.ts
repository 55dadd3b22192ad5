// Attribution of a portal under its current settings: every deal's journey, the active model and
// the comparison models, results saved as AttributionRecords for write-back and reports; and one
// deal's full view for the card.
//
// Rule models work per deal. Data-driven models learn channel weights from all won and lost
// journeys of the portal, then apply them per deal (ATTRIBUTION.md §4.5). Learning is the costly
// part, so learned models are kept per portal and settings version: a recompute refreshes them,
// and the card reuses them instead of relearning on every request.

import {
  isDataDriven,
  type DealAttributionBody,
  type ModelId,
  type NotSyncedBody,
} from '../../extensions/shared/contract.js';
import { attributeWithLearned, rowsFromJourneys } from '../attribution/index.js';
import {
  attributeJourney,
  getModel,
  isRuleModelId,
  type DataDrivenModelId,
  type DealAttribution,
  type Journey,
  type LearnedModel,
} from '../attribution/index.js';
import type { Result } from '../kernel/index.js';
import { createHash } from 'node:crypto';
import type { AttributionRecord, Store } from '../store/index.js';
import { dealView, type ModelOutcome } from './deal-view.js';
import { createViewCache } from './view-cache.js';
import { enginePlan, modelsOf, type EnginePlan } from './engine-plan.js';
import { dealJourney, loadOptionsOf, portalJourneys } from './journeys.js';
import { loadDealData, loadPortalData, type DataProblem } from './portal-data.js';
import type { SettingsService } from './settings.js';
import { syncProgress } from './status.js';

export interface ChannelTotal {
  readonly channel: string;
  readonly cents: number;
}

/** Won deals of one currency: amounts are never summed across currencies. */
export interface CurrencyTotals {
  readonly currency: string;
  readonly deals: number;
  readonly amountCents: number;
  readonly attributedCents: number;
  readonly unattributedCents: number;
  /** Largest first. */
  readonly byChannel: readonly ChannelTotal[];
}

export interface ModelTotals {
  readonly model: ModelId;
  /** Revenue (won deals) by currency. */
  readonly revenue: readonly CurrencyTotals[];
  /** Set when a data-driven model could not learn; its deals are then not saved. */
  readonly unavailable: string | null;
}

export interface PortalAttributionSummary {
  readonly portalId: number;
  /** The active model; `models[0]` holds its totals. */
  readonly model: ModelId;
  readonly settingsVersion: number;
  readonly computedAt: number;
  readonly deals: {
    readonly total: number;
    readonly won: number;
    readonly lost: number;
    readonly open: number;
    /** Under the active model. */
    readonly attributed: number;
    readonly unattributed: number;
    readonly withoutAmount: number;
  };
  /** The active model, then the comparison models. */
  readonly models: readonly ModelTotals[];
  /** Records saved because their result changed; unchanged ones are left as they were. */
  readonly records: { readonly saved: number; readonly unchanged: number };
  readonly problems: readonly DataProblem[];
}

export type DealViewResult = Result<DealAttributionBody | NotSyncedBody, 'deal_not_found'>;

export interface AttributionService {
  attributePortal(portalId: number): Promise<PortalAttributionSummary>;
  /** The card's answer for one deal under `model` (default: the settings' model). */
  computeDealView(portalId: number, dealId: string, model?: ModelId): Promise<DealViewResult>;
  /**
   * computeDealView as JSON, served from a cache of recent views (per settings version; dropped
   * by `invalidate`, and after `viewTtlMs` at the latest). "Not synced" answers are never cached.
   */
  dealViewJson(
    portalId: number,
    dealId: string,
    model?: ModelId,
  ): Promise<
    Result<{ readonly status: 'ok' | 'not_synced'; readonly json: string }, 'deal_not_found'>
  >;
  /**
   * The portal's data changed (a sync wrote records): cached views go. Learned models stay until
   * the next attributePortal relearns them (relearning per card request would cost seconds).
   */
  invalidate(portalId: number): void;
}

export interface AttributionDeps {
  readonly store: Store;
  readonly settings: SettingsService;
  readonly now?: () => number;
  /** How long a cached card view may be served after it was computed (default 60 s). */
  readonly viewTtlMs?: number;
  /** Size bound of the card view cache (default 64 MB). */
  readonly viewCacheBytes?: number;
}

type Learned = Result<LearnedModel>;

interface PortalCache {
  readonly plan: EnginePlan;
  /** Per data-driven model; a promise so concurrent card requests learn once. */
  readonly learned: Map<DataDrivenModelId, Promise<Learned>>;
}

const SAVE_BATCH = 500;
const LIST_PAGE = 5000;

export function createAttributionService(deps: AttributionDeps): AttributionService {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const cache = new Map<number, PortalCache>();
  const views = createViewCache({
    maxBytes: deps.viewCacheBytes ?? 64 * 1024 * 1024,
    ttlMs: deps.viewTtlMs ?? 60_000,
  });
  /** Bumped by invalidate: part of every view key, so older views are never served again. */
  const generations = new Map<number, number>();

  /** The portal's plan for its current settings version (a new version drops learned models). */
  async function portalCache(portalId: number): Promise<PortalCache> {
    const current = await deps.settings.get(portalId);
    const cached = cache.get(portalId);
    if (cached?.plan.settingsVersion === current.version) return cached;
    const fresh = { plan: enginePlan(current.settings, current.version), learned: new Map() };
    cache.set(portalId, fresh);
    return fresh;
  }

  function learn(
    plan: EnginePlan,
    model: DataDrivenModelId,
    journeys: readonly Journey[],
  ): Learned {
    const m = getModel(model);
    if (m.kind !== 'data_driven') throw new Error(`${model} is not data-driven`);
    const r = m.learn(rowsFromJourneys(journeys), plan.modelOptions(model));
    return r.ok
      ? r
      : { ok: false, error: r.error, message: unavailableMessage(r.error, r.message) };
  }

  /** Learned model for the card: cached, or learned once from the whole portal. */
  function learnedFor(
    portalId: number,
    c: PortalCache,
    model: DataDrivenModelId,
  ): Promise<Learned> {
    let p = c.learned.get(model);
    if (p === undefined) {
      p = (async () => {
        const data = await loadPortalData(store, portalId, loadOptionsOf(c.plan));
        return learn(
          c.plan,
          model,
          portalJourneys(data, c.plan, now()).map((j) => j.journey),
        );
      })();
      c.learned.set(model, p);
      // A failed load must not stick: the next request tries again.
      p.catch(() => c.learned.delete(model));
    }
    return p;
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

  function invalidate(portalId: number): void {
    generations.set(portalId, (generations.get(portalId) ?? 0) + 1);
  }

  const service: AttributionService = {
    invalidate,

    async dealViewJson(portalId, dealId, model) {
      const c = await portalCache(portalId);
      const key = [
        portalId,
        generations.get(portalId) ?? 0,
        c.plan.settingsVersion,
        dealId,
        model ?? '',
      ].join('\u0000');
      const at = now();
      const hit = views.get(key, at);
      if (hit !== undefined) return { ok: true, value: { status: 'ok', json: hit } };
      const r = await service.computeDealView(portalId, dealId, model);
      if (!r.ok) return r;
      const json = JSON.stringify(r.value);
      if (r.value.status === 'ok') views.set(key, json, at);
      return { ok: true, value: { status: r.value.status, json } };
    },

    async attributePortal(portalId) {
      // A recompute follows a sync: views and learned models of the old data go.
      invalidate(portalId);
      const c = await portalCache(portalId);
      c.learned.clear();
      const { plan } = c;
      const at = now();
      const data = await loadPortalData(store, portalId, loadOptionsOf(plan));
      const deals = portalJourneys(data, plan, at);
      const models = modelsOf(plan.settings);

      // Learn afresh from today's journeys and keep the result for the card.
      const learned = new Map<ModelId, Learned>();
      for (const model of models) {
        if (!isDataDriven(model)) continue;
        const l = learn(
          plan,
          model,
          deals.map((d) => d.journey),
        );
        learned.set(model, l);
        c.learned.set(model, Promise.resolve(l));
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
          const key = `${journey.deal.id}\u0000${model}`;
          const prev = previous.get(key);
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
        problems: data.problems,
      };
    },

    async computeDealView(portalId, dealId, requested) {
      const c = await portalCache(portalId);
      const { plan } = c;
      const data = await loadDealData(store, portalId, dealId, {
        ...loadOptionsOf(plan),
        accountScope: plan.journeyOptions.accountScope,
      });
      const loaded = data?.deals[0];
      if (data === undefined || loaded === undefined) {
        const sync = await syncProgress(store, portalId);
        if (sync.complete) {
          return {
            ok: false,
            error: 'deal_not_found',
            message: `Deal ${dealId} is not in the app's data for portal ${portalId}: it may have been deleted, or created after the last sync.`,
          };
        }
        return {
          ok: true,
          value: {
            status: 'not_synced',
            portalId,
            message:
              sync.streamsTotal === 0
                ? 'The app has not synced this portal yet; attribution appears once the first sync finishes.'
                : `The first sync is running (${sync.streamsDone} of ${sync.streamsTotal} streams done); this deal appears once it finishes.`,
            sync,
          },
        };
      }
      const at = now();
      const journey = dealJourney(data, loaded, plan, at);
      const model = requested ?? plan.settings.model;
      const others = modelsOf(plan.settings).filter((m) => m !== model);
      const outcomeOf = async (m: ModelId): Promise<ModelOutcome> =>
        outcome(plan, m, journey, isDataDriven(m) ? await learnedFor(portalId, c, m) : undefined);
      const [main, ...comparison] = await Promise.all([model, ...others].map(outcomeOf));
      return {
        ok: true,
        value: dealView({
          portalId,
          loaded,
          journey,
          model,
          outcome: main!,
          comparison: others.map((m, i) => ({ model: m, outcome: comparison[i]! })),
          settingsVersion: plan.settingsVersion,
          now: at,
        }),
      };
    },
  };
  return service;
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

/** Hash, settings version and time of every stored record, by deal and model. */
async function storedHashes(
  store: Store,
  portalId: number,
): Promise<Map<string, Pick<AttributionRecord, 'hash' | 'settingsVersion' | 'computedAt'>>> {
  const out = new Map<string, Pick<AttributionRecord, 'hash' | 'settingsVersion' | 'computedAt'>>();
  let after: string | undefined;
  for (;;) {
    const page = await store.listAttributions(portalId, {
      limit: LIST_PAGE,
      ...(after === undefined ? {} : { afterDealId: after }),
    });
    for (const r of page) out.set(`${r.dealId}\u0000${r.model}`, r);
    if (page.length < LIST_PAGE) break;
    after = page[page.length - 1]!.dealId;
  }
  return out;
}

/** Won revenue per currency and channel. */
class RevenueTotals {
  private readonly byCurrency = new Map<
    string,
    {
      deals: number;
      amount: number;
      attributed: number;
      unattributed: number;
      channels: Map<string, number>;
    }
  >();

  add(journey: Journey, result: DealAttribution): void {
    const { currency, cents } = journey.deal.amount;
    let t = this.byCurrency.get(currency);
    if (t === undefined) {
      t = { deals: 0, amount: 0, attributed: 0, unattributed: 0, channels: new Map() };
      this.byCurrency.set(currency, t);
    }
    t.deals++;
    t.amount += cents;
    t.unattributed += result.unattributedCents;
    for (const credit of result.credits) {
      const channel = journey.touches[credit.index]!.channel;
      t.attributed += credit.cents;
      t.channels.set(channel, (t.channels.get(channel) ?? 0) + credit.cents);
    }
  }

  result(): CurrencyTotals[] {
    return [...this.byCurrency]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([currency, t]) => ({
        currency,
        deals: t.deals,
        amountCents: t.amount,
        attributedCents: t.attributed,
        unattributedCents: t.unattributed,
        byChannel: [...t.channels]
          .map(([channel, cents]) => ({ channel, cents }))
          .sort((a, b) => b.cents - a.cents || (a.channel < b.channel ? -1 : 1)),
      }));
  }
}
