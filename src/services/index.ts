// Services between the store and the use-cases: settings, attribution of a portal and of one
// deal for the card, sync status, the channel preview and model evaluation. Only the composition
// root creates them.

export {
  createAttributionService,
  type AttributionDeps,
  type AttributionService,
  type CardBody,
  type RecomputeOptions,
  type ChannelTotal,
  type CurrencyTotals,
  type DealViewResult,
  type ModelTotals,
  type PortalAttributionSummary,
} from './attribute.js';
export {
  createSettingsService,
  type SaveSettingsResult,
  type SettingsDeps,
  type SettingsService,
  type VersionedSettings,
} from './settings.js';
export {
  createStatusService,
  syncProgress,
  type StatusDeps,
  type StatusService,
} from './status.js';
export type { DataProblem } from './deal-records.js';
export {
  createEvaluationReadService,
  type EvaluationReadDeps,
  type EvaluationReadService,
} from './evaluation-read.js';
export {
  createEvaluationService,
  EVALUATION_MAX_AGE_MS,
  type ComputedEvaluation,
  type EvaluateRequest,
  type EvaluationDeps,
  type EvaluationService,
} from './evaluation.js';
export {
  createChannelPreviewService,
  PREVIEW_SAMPLE,
  type ChannelPreviewDeps,
  type ChannelPreviewService,
} from './channel-preview.js';
export { storedJourneys } from './journeys.js';
