// Attribution of a portal under its current settings, and the card's view of one deal.
//
// attributePortal (workers: the cycle, the CLI) recomputes the portal and stores the read model:
// each deal's journey and each shown model's result (recompute.ts). The card's view is read from
// what that stored (card-view.ts): the web role never loads a portal or learns a model, so a card
// costs one deal's rows whatever the portal's size, and it shows exactly what write-back wrote.

import type { ModelId } from '../domain/index.js';
import type { Result } from '../kernel/index.js';
import type { Store } from '../store/index.js';
import { readDealView, type DealViewResult } from './card-view.js';
import { enginePlan, type EnginePlan } from './engine-plan.js';
import { recomputePortal } from './recompute.js';
import type { SettingsService } from './settings.js';
import type { PortalAttributionSummary } from './totals.js';
import { createViewCache } from './view-cache.js';

export type { DealViewResult } from './card-view.js';
export type {
  ChannelTotal,
  CurrencyTotals,
  ModelTotals,
  PortalAttributionSummary,
} from './totals.js';

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
  /** The portal's stored results changed: cached views go. */
  invalidate(portalId: number): void;
}

export interface AttributionDeps {
  readonly store: Store;
  readonly settings: SettingsService;
  readonly now?: () => number;
  /**
   * How long a cached card view may be served after it was read (default 60 s): the bound on how
   * stale a view can be in a web process that did not run the recompute itself.
   */
  readonly viewTtlMs?: number;
  /** Size bound of the card view cache (default 64 MB). */
  readonly viewCacheBytes?: number;
}

export function createAttributionService(deps: AttributionDeps): AttributionService {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const plans = new Map<number, EnginePlan>();
  const views = createViewCache({
    maxBytes: deps.viewCacheBytes ?? 64 * 1024 * 1024,
    ttlMs: deps.viewTtlMs ?? 60_000,
  });
  /** Bumped by invalidate: part of every view key, so older views are never served again. */
  const generations = new Map<number, number>();

  /** The portal's plan for its current settings version. */
  async function planOf(portalId: number): Promise<EnginePlan> {
    const current = await deps.settings.get(portalId);
    const cached = plans.get(portalId);
    if (cached?.settingsVersion === current.version) return cached;
    const fresh = enginePlan(current.settings, current.version);
    plans.set(portalId, fresh);
    return fresh;
  }

  function invalidate(portalId: number): void {
    generations.set(portalId, (generations.get(portalId) ?? 0) + 1);
  }

  const service: AttributionService = {
    invalidate,

    async attributePortal(portalId) {
      const summary = await recomputePortal(store, await planOf(portalId), portalId, now());
      invalidate(portalId);
      return summary;
    },

    async computeDealView(portalId, dealId, model) {
      return readDealView(store, await planOf(portalId), portalId, dealId, model);
    },

    async dealViewJson(portalId, dealId, model) {
      const plan = await planOf(portalId);
      const key = [
        portalId,
        generations.get(portalId) ?? 0,
        plan.settingsVersion,
        dealId,
        model ?? '',
      ].join('\u0000');
      const at = now();
      const hit = views.get(key, at);
      if (hit !== undefined) return { ok: true, value: { status: 'ok', json: hit } };
      const r = await readDealView(store, plan, portalId, dealId, model);
      if (!r.ok) return r;
      const json = JSON.stringify(r.value);
      if (r.value.status === 'ok') views.set(key, json, at);
      return { ok: true, value: { status: r.value.status, json } };
    },
  };
  return service;
}
