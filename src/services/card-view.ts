// The card's answer for one deal, read from the read model: the journey and per-model results the
// last recompute stored. The web role never loads the portal or learns a model here; a deal
// synced after the last recompute says so until the next one (minutes, on the schedule).

import {
  modelInfo,
  type DealAttributionBody,
  type ModelId,
  type NotSyncedBody,
} from '../domain/index.js';
import type { Result } from '../kernel/index.js';
import type { Store } from '../store/index.js';
import { dealView, type ModelOutcome } from './deal-view.js';
import { modelsOf, type EnginePlan } from './engine-plan.js';
import { syncProgress } from './status.js';
import { readStoredJourney, type StoredJourney } from '../read-model/index.js';
import type { LoadedDeal } from './portal-data.js';

export type DealViewResult = Result<DealAttributionBody | NotSyncedBody, 'deal_not_found'>;

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
    const state = doc.models[m];
    if (typeof state === 'string') return { ok: false, message: state };
    const result = results.get(m);
    if (state === null && result !== undefined) return { ok: true, attribution: result };
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

/** The LoadedDeal view of a stored journey (what the card's view needs of the deal). */
function loadedOf(doc: StoredJourney): LoadedDeal {
  return {
    deal: doc.journey.deal,
    amountMissing: doc.amountMissing,
    stageLabel: doc.stageLabel,
    pipelineLabel: doc.pipelineLabel,
    ...(doc.homeCents === null ? {} : { homeCents: doc.homeCents }),
  };
}
