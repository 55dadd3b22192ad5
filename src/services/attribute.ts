// Attribution of a portal under its current settings, and the card's view of one deal.
//
// attributePortal (workers: the cycle, the CLI) recomputes the portal and stores the read model:
// each deal's journey, each shown model's result and the card's view of it (recompute/). The card
// is the view that stored (card-view.ts): the web role never loads a portal, learns a model or
// builds a view, so a card costs one row whatever the portal's size, and it shows exactly what
// write-back wrote.

import type { ModelId } from '../domain/index.js';
import type { Result } from '../kernel/index.js';
import type { Store } from '../store/index.js';
import { readCard, type CardBody, type DealViewResult } from './card-view.js';
import { enginePlan, type EnginePlan } from './engine-plan.js';
import { recomputePortal, type RecomputeOptions } from './recompute/index.js';
import type { SettingsService } from './settings.js';
import type { PortalAttributionSummary } from './totals.js';
import { createViewCache } from './view-cache.js';

export type { CardBody, DealViewResult } from './card-view.js';
export type { RecomputeOptions } from './recompute/index.js';
export type {
  ChannelTotal,
  CurrencyTotals,
  ModelTotals,
  PortalAttributionSummary,
} from './totals.js';

export interface AttributionService {
  /** Recomputes the portal (`full` by default; `auto`: only what changed, when that suffices). */
  attributePortal(portalId: number, options?: RecomputeOptions): Promise<PortalAttributionSummary>;
  /** The card's answer for one deal under `model` (default: the settings' model), parsed. */
  computeDealView(portalId: number, dealId: string, model?: ModelId): Promise<DealViewResult>;
  /**
   * The card's answer as served (JSON text), from a cache of recent answers (per settings
   * version; dropped by `invalidate`, and after `viewTtlMs` at the latest). "Not synced" answers
   * are never cached.
   */
  dealCard(
    portalId: number,
    dealId: string,
    model?: ModelId,
  ): Promise<Result<CardBody, 'deal_not_found'>>;
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
  /** Worker threads for large recomputes (RecomputeOptions.parallel). */
  readonly parallel?: RecomputeOptions['parallel'];
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

    async attributePortal(portalId, options) {
      const summary = await recomputePortal(store, await planOf(portalId), portalId, now(), {
        ...(deps.parallel === undefined ? {} : { parallel: deps.parallel }),
        ...options,
      });
      invalidate(portalId);
      return summary;
    },

    async computeDealView(portalId, dealId, model) {
      const r = await readCard(store, await planOf(portalId), portalId, dealId, model);
      if (!r.ok) return r;
      return {
        ok: true,
        value: JSON.parse(r.value.json) as never,
      };
    },

    async dealCard(portalId, dealId, model) {
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
      const r = await readCard(store, plan, portalId, dealId, model);
      if (r.ok && r.value.status === 'ok') views.set(key, r.value.json, at);
      return r;
    },
  };
  return service;
}
