// A portal's stored data → each deal's journey under the portal's plan: the one assembly that the
// attribution, the card and the evaluation all use.

import { assembleJourney, type Journey } from '../attribution/index.js';
import type { EnginePlan } from './engine-plan.js';
import { journeyInput, type LoadedDeal, type LoadOptions, type PortalData } from './portal-data.js';

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
