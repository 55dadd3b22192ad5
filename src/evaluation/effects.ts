// Raw channel effects of the data-driven models, learned on all closed deals of a portal, for a
// planted-truth check (Spearman's ρ against the sandbox's planted effects): Markov removal effects
// (orders 1–3, in [0, 1], so they cannot express a negative effect), the mean Shapley value per
// journey that contains the channel (can be negative), the simplified Shapley credit, and, once it
// is in the list, the logistic coefficient (log-odds, can be negative).

import { rowsFromJourneys } from '../attribution/index.js';
import type { Journey } from '../attribution/index.js';
import { DEFAULT_PREDICTORS } from './models.js';
import type { Predictor } from './predictors/predictor.js';
import { closedJourneys } from './split.js';

export interface ModelEffects {
  readonly id: string;
  /** Channel → effect, code-unit order of channels; null when the model cannot learn. */
  readonly effects: Readonly<Record<string, number>> | null;
  readonly unavailable?: string;
}

export function channelEffects(
  journeys: readonly Journey[],
  predictors: readonly Predictor[] = DEFAULT_PREDICTORS,
): ModelEffects[] {
  const paths = rowsFromJourneys(closedJourneys(journeys));
  return predictors.map((predictor) => {
    const fit = predictor.fit(paths);
    if (!fit.ok) return { id: predictor.id, effects: null, unavailable: fit.message };
    const effects = fit.value.effects();
    return {
      id: predictor.id,
      effects: Object.fromEntries(paths.channels.map((c) => [c, effects.get(c) ?? 0])),
    };
  });
}
