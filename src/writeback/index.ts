// Write-back: the app's HubSpot properties (provisioning) and diff-based batch updates of the
// attribution results of the active model onto deals, contacts and companies.

export {
  writeBack,
  type WriteBackCounts,
  type WriteBackFailure,
  type WriteBackOptions,
  type WriteBackScope,
  type WriteBackSummary,
} from './run.js';
export {
  ensureSchema,
  forgetSchema,
  provision,
  SCHEMA_STATE_ID,
  type Collision,
  type EnsuredSchema,
  type ProvisionedSchema,
} from './provision.js';
export {
  APP_GROUP,
  dealPropertySpecs,
  influencePropertySpecs,
  portalChannels,
  revenueProperty,
  SCHEMA_VERSION,
} from './schema.js';
export {
  dealValues,
  InfluenceTally,
  type DealFacts,
  type InfluenceDeal,
  type InfluenceTouch,
  type PropertyValues,
  type ValueTouch,
} from './values.js';
