// Deals → journeys under the portal's plan: the one assembly that the recompute uses, and the
// read of the journeys it stored, which the evaluation and the planted-truth check use.

import { assembleJourney, type Journey } from '../attribution/index.js';
import { readStoredJourney } from '../read-model/index.js';
import type { Store } from '../store/index.js';
import { journeyInput, type DealBatch } from './deal-loader.js';
import type { LoadedDeal } from './deal-records.js';
import { enginePlan, type EnginePlan } from './engine-plan.js';
import type { SettingsService } from './settings.js';

const PAGE = 1000;

/** One loaded deal's journey as of `at` (an open deal's ends at `at`). */
export function dealJourney(
  batch: DealBatch,
  loaded: LoadedDeal,
  plan: EnginePlan,
  at: number,
): Journey {
  return assembleJourney(
    journeyInput(batch, loaded, plan.journeyOptions.accountScope),
    plan.journeyOptions,
    at,
  );
}

/**
 * The portal's current plan and the journeys its last recompute stored (the read model), in deal
 * order; only closed deals' when `closedOnly`. A journey that no longer reads is skipped.
 */
export async function storedJourneys(
  store: Store,
  settings: SettingsService,
  portalId: number,
  options: { readonly closedOnly?: boolean } = {},
): Promise<{ readonly plan: EnginePlan; readonly journeys: Journey[] }> {
  const current = await settings.get(portalId);
  const plan = enginePlan(current.settings, current.version);
  const journeys: Journey[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.listDealJourneys(portalId, {
      limit: PAGE,
      ...(after === undefined ? {} : { afterDealId: after }),
    });
    for (const record of page) {
      if (options.closedOnly === true && record.path?.outcome === 'open') continue;
      const r = readStoredJourney(record);
      if (!r.ok) continue;
      if (options.closedOnly === true && r.value.journey.deal.stage === 'open') continue;
      journeys.push(r.value.journey);
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!.dealId;
  }
  return { plan, journeys };
}
