// The use-cases: everything the jobs, the server, the CLI and the benchmarks ask of the product,
// in one place. They read a portal's settings only through the settings service. The
// composition root (src/app/compose.ts) builds them; callers never build services themselves.

import type {
  AttributionService,
  ChannelPreviewService,
  EvaluationReadService,
  EvaluationService,
  SettingsService,
  StatusService,
} from '../services/index.js';
import type { Store } from '../store/index.js';
import type { Connections } from './connection.js';
import { createPortalWork, type PortalWork } from './portal-work.js';
import { createPortals, type Portals } from './portals.js';

export interface UseCases extends PortalWork {
  readonly portals: Portals;
  /** The settings page: read and save (validated, versioned; a save triggers a recompute). */
  readonly settings: SettingsService;
  /** The deal card (and the portal's attribution, cached per settings version). */
  readonly attribution: AttributionService;
  /** Sync health and the last cycle, for the settings page. */
  readonly status: StatusService;
  /** The channel rules editor's preview on the portal's recent touches. */
  readonly channelPreview: ChannelPreviewService;
  /** The portal's latest stored model evaluation (read only: workers compute it). */
  readonly evaluation: EvaluationReadService;
}

export interface UseCaseDeps {
  readonly store: Store;
  readonly settings: SettingsService;
  readonly attribution: AttributionService;
  readonly evaluation: EvaluationService;
  readonly evaluationRead: EvaluationReadService;
  readonly channelPreview: ChannelPreviewService;
  readonly status: StatusService;
  readonly connection: Connections;
  readonly syncConcurrency?: number;
}

export function createUseCases(deps: UseCaseDeps): UseCases {
  return {
    ...createPortalWork(deps),
    portals: createPortals(deps.store),
    settings: deps.settings,
    attribution: deps.attribution,
    status: deps.status,
    channelPreview: deps.channelPreview,
    evaluation: deps.evaluationRead,
  };
}

export type { Connections, PortalConnection } from './connection.js';
export {
  REFRESH_MAX_RECORDS,
  writeBackOptions,
  type EvaluationRefresh,
  type PortalWork,
  type RefreshOutcome,
  type SyncRequest,
  type WriteBackResult,
} from './portal-work.js';
export { createPortals, type Portals } from './portals.js';
export {
  createOAuthInstall,
  STATE_TTL_MS,
  type InstallFailure,
  type OAuthDeps,
  type OAuthInstall,
} from './oauth-install.js';

// The types the server and the CLI see of what the use-cases return.
export type {
  AttributionService,
  ChannelPreviewService,
  ComputedEvaluation,
  EvaluationReadService,
  PortalAttributionSummary,
  SaveSettingsResult,
  SettingsService,
  StatusService,
  VersionedSettings,
} from '../services/index.js';
export type { CrmObjectType, Tier } from '../hubspot/index.js';
/** What a webhook says happened to a record: the hints a refresh reads. */
export { HINT_KINDS, type HintKind } from '../store/index.js';
export type { StreamProgress, SyncSummary, PortalSyncStatus } from '../sync/index.js';
export type { WriteBackSummary } from '../writeback/index.js';
export type { Evaluation } from '../evaluation/index.js';
