// The HubSpot access layer's surface: the API seam and its client, rate budget, auth, and the
// readers (one page per call; the sync owns loops and checkpoints).

export {
  HubSpotError,
  type HubSpotApi,
  type HubSpotErrorKind,
  type HubSpotRequest,
} from './api.js';
export type * from './types.js';
export { CRM_OBJECT_TYPES } from './types.js';
export { staticToken, type TokenProvider } from './auth.js';
export {
  authorizeUrl,
  createOAuthTokenProvider,
  exchangeAuthorizationCode,
  type AuthorizationGrant,
  type OAuthTokens,
} from './oauth.js';
export {
  MAX_SIGNATURE_AGE_MS,
  signV3,
  verifyHubSpotSignature,
  type SignatureFailure,
  type SignatureHeaders,
  type SignedRequest,
} from './signature.js';
export {
  createRateBudget,
  limitsFor,
  memoryWindow,
  type AppType,
  type BudgetLimits,
  type RateBudget,
  type Tier,
  type WindowState,
} from './budget.js';
export { createHubSpotApi, type HubSpotApiOptions, type HubSpotLogger } from './client.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
export {
  batchReadObjects,
  getObject,
  HISTORY_PAGE_LIMIT,
  listObjects,
  PAGE_LIMIT,
  type BatchReadResult,
} from './readers/objects.js';
export {
  lastModifiedProperty,
  searchFrom,
  searchModified,
  type SearchCursor,
  type SearchPage,
} from './readers/search.js';
export { readAssociations } from './readers/associations.js';
export { emailEventsPage, type EmailEvent } from './readers/email-events.js';
export {
  contactParticipationsPage,
  eventParticipationsPage,
  marketingEventsPage,
  type MarketingEvent,
  type Participation,
} from './readers/marketing-events.js';
export { webEventsPage, type WebEvent } from './readers/web-events.js';
export { dealPipelines, type DealPipeline, type DealStage } from './readers/pipelines.js';
export { accountInfo, type AccountInfo } from './readers/account.js';

export { type ApiStats } from './api.js';
export { MAX_BATCH_UPDATE, batchUpdate } from './batch-update.js';
export {
  createProperty,
  createPropertyGroup,
  readProperties,
  readProperty,
  readPropertyGroups,
  updatePropertyOptions,
  type PropertyCreate,
  type PropertyInfo,
  type PropertyObjectType,
  type PropertyOption,
} from './properties.js';
export { modifiedBounds, type ModifiedBounds } from './readers/modified-bounds.js';
export { parseHubSpotTime } from './time.js';
