// The models an evaluation covers by default, and how its ids map onto the engine's models.

import { isModelId, RULE_MODEL_IDS, type ModelId, type RuleModelId } from '../domain/index.js';
import { logisticPredictor } from './predictors/logistic.js';
import { markovPredictor } from './predictors/markov.js';
import type { Predictor } from './predictors/predictor.js';
import { shapleyPredictor, shapleySimplifiedPredictor } from './predictors/shapley.js';

/** Data-driven models in report order. */
export const DEFAULT_PREDICTORS: readonly Predictor[] = [
  markovPredictor(1),
  markovPredictor(2),
  markovPredictor(3),
  shapleyPredictor(),
  logisticPredictor(),
  shapleySimplifiedPredictor,
];

/** Every rule model except `custom`, which has no weights until an admin gives it some. */
export const DEFAULT_RULE_MODELS: readonly RuleModelId[] = RULE_MODEL_IDS.filter(
  (id) => id !== 'custom',
);

/** The engine model and options behind an evaluation id (`markov_o2` → markov, order 2). */
export function engineModelOf(
  id: string,
): { readonly model: ModelId; readonly options: Readonly<Record<string, unknown>> } | null {
  const markov = /^markov_o([1-4])$/.exec(id);
  if (markov) return { model: 'markov', options: { order: Number(markov[1]) } };
  return isModelId(id) ? { model: id, options: {} } : null;
}
