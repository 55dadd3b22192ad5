// The card's answer for one deal, read from the read model: the view the worker's recompute
// stored for the deal and model (ADR 0008), served as stored. The web role never loads the portal,
// learns a model or builds a view of a shown model; only a model the settings do not show (or a
// view stored before views were) is answered from the stored journey and results, and a deal
// synced after the last recompute says so until the next one (minutes, on the schedule).

import {
  modelInfo,
  type DealAttributionBody,
  type ModelId,
  type NotSyncedBody,
} from '../domain/index.js';
import type { Result } from '../kernel/index.js';
import type { Store } from '../store/index.js';
import { dealView, loadedOf, type ModelOutcome } from './deal-view.js';
import { modelsOf, type EnginePlan } from './engine-plan.js';
import { syncProgress } from './status.js';
import { readStoredJourney } from '../read-model/index.js';

export type DealViewResult = Result<DealAttributionBody | NotSyncedBody, 'deal_not_found'>;

/** A card answer as served: its JSON text. */
export interface CardBody {
  readonly status: 'ok' | 'not_synced';
  readonly json: string;
}
export type CardResult = Result<CardBody, 'deal_not_found'>;

/** The stored view when there is one; else the answer built from what the recompute stored. */
export async function readCard(
  store: Store,
  plan: EnginePlan,
  portalId: number,
  dealId: string,
  requested: ModelId | undefined,
): Promise<CardResult> {
  const stored = await store.dealView(portalId, dealId, requested ?? plan.settings.model);
  if (stored !== undefined) return { ok: true, value: { status: 'ok', json: stored.body } };
  const r = await readDealView(store, plan, portalId, dealId, requested);
  if (!r.ok) return r;
  return { ok: true, value: { status: r.value.status, json: JSON.stringify(r.value) } };
}

export async function readDealView(
  store: Store,
  plan: EnginePlan,
  portalId: number,
  dealId: string,
  requested: ModelId | undefined,
): Promise<DealViewResult> {
  const record = (await store.dealJourneys(portalId, [dealId])).get(dealId);
  if (record === undefined) return notComputed(store, portalId, dealId);
  const stored = readStoredJourney(record);
  if (!stored.ok) throw new Error(stored.message);
  const doc = stored.value;
  const results = new Map(
    (await store.attributionsForDeal(portalId, dealId)).map((r) => [r.model, r.result]),
  );
  const model = requested ?? plan.settings.model;
  const outcomeOf = (m: ModelId): ModelOutcome => {
    const result = results.get(m);
    if (result !== undefined) return { ok: true, attribution: result };
    return {
      ok: false,
      message: `${modelInfo(m).label} was not part of the last recompute: pick it as the model or a comparison model in the settings, and it appears after the next recompute.`,
    };
  };
  const others = modelsOf(plan.settings).filter((m) => m !== model);
  return {
    ok: true,
    value: dealView({
      portalId,
      loaded: loadedOf(doc),
      journey: doc.journey,
      model,
      outcome: outcomeOf(model),
      comparison: others.map((m) => ({ model: m, outcome: outcomeOf(m) })),
      settingsVersion: record.settingsVersion,
      now: record.computedAt,
    }),
  };
}

/** No stored journey: unknown deal, first sync running, or synced after the last recompute. */
async function notComputed(
  store: Store,
  portalId: number,
  dealId: string,
): Promise<DealViewResult> {
  const [deal] = await store.getRecords(portalId, 'deals', [dealId]);
  const sync = await syncProgress(store, portalId);
  if (deal !== undefined && !deal.archived && sync.complete) {
    return {
      ok: true,
      value: {
        status: 'not_synced',
        portalId,
        message:
          'This deal arrived after the last recompute: its attribution appears once the next one finishes (within minutes).',
        sync,
      },
    };
  }
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
