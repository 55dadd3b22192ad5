// Every model by id: the rule models (one journey → fractions) and the data-driven ones (learned
// over all paths of a portal or a path file, then applied per deal by apply-learned.ts).

import type { DataDrivenModelId, ModelId, RuleModelId } from '../../domain/index.js';
import type { DataDrivenModel, RuleModel } from './model.js';
import { logistic } from './logistic.js';
import { markov } from './markov.js';
import { shapley } from './shapley.js';
import { shapleySimplified } from './shapley-simplified.js';
import { custom } from './custom.js';
import { firstTouch } from './first-touch.js';
import { fullPath } from './full-path.js';
import { inverseJ } from './inverse-j.js';
import { jShaped } from './j-shaped.js';
import { lastNonDirect } from './last-non-direct.js';
import { lastTouch } from './last-touch.js';
import { linear } from './linear.js';
import { positionBased } from './position-based.js';
import { timeDecay } from './time-decay.js';
import { uShaped } from './u-shaped.js';
import { wShaped } from './w-shaped.js';

/** Options are validated by each model's own schema; the registry only needs them erased. */
export type AnyRuleModel = RuleModel;
export type AnyModel = AnyRuleModel | DataDrivenModel;

export const RULE_MODELS: Readonly<Record<RuleModelId, AnyRuleModel>> = Object.freeze({
  first_touch: firstTouch,
  last_touch: lastTouch,
  last_non_direct: lastNonDirect,
  linear,
  time_decay: timeDecay,
  position_based: positionBased,
  u_shaped: uShaped,
  w_shaped: wShaped,
  full_path: fullPath,
  j_shaped: jShaped,
  inverse_j: inverseJ,
  custom,
});

export const DATA_DRIVEN_MODELS: Readonly<Record<DataDrivenModelId, DataDrivenModel>> =
  Object.freeze({
    markov,
    shapley,
    shapley_simplified: shapleySimplified,
    logistic,
  });

export const MODELS: Readonly<Record<ModelId, AnyModel>> = Object.freeze({
  ...RULE_MODELS,
  ...DATA_DRIVEN_MODELS,
});

export function getRuleModel(id: RuleModelId): AnyRuleModel {
  return RULE_MODELS[id];
}

export function getModel(id: ModelId): AnyModel {
  return MODELS[id];
}
