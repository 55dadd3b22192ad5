// A portal's stored data → each deal's journey under the portal's plan: the one assembly that the
// attribution, the card and the evaluation all use.

import { assembleJourney, type Journey } from '../attribution/index.js';
import type { Store } from '../store/index.js';
import { enginePlan, type EnginePlan } from './engine-plan.js';
import {
  journeyInput,
  loadPortalData,
  type LoadedDeal,
  type LoadOptions,
  type PortalData,
} from './portal-data.js';
import type { SettingsService } from './settings.js';

/** How to load the portal's data for this plan (its channel classifier, when it has rules). */
export function loadOptionsOf(plan: EnginePlan): LoadOptions {
  return plan.classifier === undefined ? {} : { classifier: plan.classifier };
}

/** One loaded deal's journey as of `at` (an open deal's ends at `at`). */
export function dealJourney(
  data: PortalData,
  loaded: LoadedDeal,
  plan: EnginePlan,
  at: number,
): Journey {
  return assembleJourney(
    journeyInput(data, loaded, plan.journeyOptions.accountScope),
    plan.journeyOptions,
    at,
  );
}

/** Every loaded deal with its journey as of `at`. */
export function portalJourneys(
  data: PortalData,
  plan: EnginePlan,
  at: number,
): { readonly loaded: LoadedDeal; readonly journey: Journey }[] {
  return data.deals.map((loaded) => ({ loaded, journey: dealJourney(data, loaded, plan, at) }));
}

/** The portal's current plan and every deal's journey as of `at`, read from the store. */
export async function storedJourneys(
  store: Store,
  settings: SettingsService,
  portalId: number,
  at: number,
): Promise<{ readonly plan: EnginePlan; readonly journeys: Journey[] }> {
  const current = await settings.get(portalId);
  const plan = enginePlan(current.settings, current.version);
  const data = await loadPortalData(store, portalId, loadOptionsOf(plan));
  return { plan, journeys: portalJourneys(data, plan, at).map((d) => d.journey) };
}
