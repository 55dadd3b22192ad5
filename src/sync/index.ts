// The sync's surface: full and incremental runs of every stream into the store, the readers it
// reads HubSpot through, and what a run and the store say about its progress.

export { runSync, type StreamResult, type SyncOptions, type SyncSummary } from './run.js';
export type { ListOptions, StreamProgress, SyncLogger, SyncReaders } from './context.js';
export { lineProgress, terminalProgress, type ProgressView } from './progress.js';
export {
  CRM_STREAMS,
  MARKETING_STREAMS,
  selectStreams,
  type Stream,
  type StreamSelection,
} from './streams.js';
export { hubspotSyncReaders } from './hubspot-readers.js';
export { portalStatus, type PortalSyncStatus, type StreamHealth } from './status.js';
export { refreshRecords, type RefreshOptions, type RefreshSummary } from './refresh.js';
export { isEngagement, type EngagementType } from './touchpoints.js';
