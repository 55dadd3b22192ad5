// The public surface of model evaluation: pure, no I/O (the CLI and the worker load the journeys).

export type * from './types.js';
export {
  DEFAULT_BOOTSTRAP,
  DEFAULT_DATA_DRIVEN_BOOTSTRAP,
  DEFAULT_EVALUATION_SEED,
  evaluatePortal,
  type EvaluateOptions,
} from './evaluate.js';
export { channelEffects, type ModelEffects } from './effects.js';
export { DEFAULT_PREDICTORS, DEFAULT_RULE_MODELS, engineModelOf } from './models.js';
export type { FittedModel, Predictor } from './predictors/predictor.js';
export { auc, calibration, logLoss, spearman } from './metrics.js';
export {
  MIN_AUC,
  MIN_LOG_LOSS_GAIN,
  MIN_TEST_DEALS,
  MIN_TRAIN_DEALS,
  ruleForCycle,
  salesCycle,
} from './recommend.js';
export { closedJourneys, defaultCutoff, TEST_SHARE, timeSplit } from './split.js';
export { journeysFromPathSet } from './path-journeys.js';
