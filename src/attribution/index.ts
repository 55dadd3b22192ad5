// The public surface of the attribution engine: what sync, store, server and the CLI may use.
// Its vocabulary (model ids, roles, touch kinds, labels, preset weights) is the domain's
// (src/domain/index.ts), imported from there, not from here.

export type * from './types.js';
export { allocate, currencyExponent, formatMinorUnits, toMinorUnits } from './money.js';
export {
  assembleJourney,
  DEFAULT_JOURNEY_OPTIONS,
  journeyOptionsSchema,
  parseJourneyOptions,
  type JourneyInput,
} from './journey.js';
export {
  attributeCents,
  attributeJourney,
  contactRoleWeightsSchema,
  type AttributeExtra,
  type CentsAttribution,
} from './attribute.js';
export { explainCredit, explainUnattributed, formatPercent } from './explain.js';
export { dealStats } from './deal-stats.js';
export { creditByChannel, type ChannelSum } from './channel-credit.js';
export {
  getModel,
  getRuleModel,
  MODELS,
  RULE_MODELS,
  type AnyModel,
  type AnyRuleModel,
} from './models/registry.js';
export {
  type ChannelCredit,
  type DataDrivenModel,
  type LearnedModel,
  type RuleModel,
  type Share,
} from './models/model.js';
export { pathSetFromRows, PathSetBuilder, type PathSet } from './paths/path-set.js';

export { attributeWithLearned, channelWeights, rowsFromJourneys } from './apply-learned.js';
export { fitLogistic, type LogisticOptions, type LogisticRow } from './logistic/fit.js';
export { absorptionProbabilities, stateIndex } from './markov/absorption.js';
export { buildChain } from './markov/chain.js';
export { logisticOptions } from './models/logistic.js';
export { markov, markovOptions } from './models/markov.js';
export { shapleySimplified } from './models/shapley-simplified.js';
export { shapley, shapleyOptions } from './models/shapley.js';
export { parsePathCsv } from './paths/csv.js';
export { PATH_ROLES } from './paths/heuristics.js';
export { parseJourneysJson } from './paths/journeys-json.js';
export { runPathModel, type PathModelOptions, type PathModelOutput } from './paths/run-model.js';
export { ChannelSets } from './shapley/channel-sets.js';
export { SubsetTable, exactShapley } from './shapley/set-shapley.js';
