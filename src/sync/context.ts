// What every stream runner gets: the store, the HubSpot readers (already bound to the portal's
// API, budget and retries), the touchpoint deriver, progress reporting and a stop signal.

import type { AssociatedId, CrmObjectType, HubSpotObject, Page } from '../hubspot/index.js';
import type { EmailEvent } from '../hubspot/index.js';
import type { MarketingEvent, Participation } from '../hubspot/index.js';
import type { ModifiedBounds } from '../hubspot/index.js';
import type { DealPipeline } from '../hubspot/index.js';
import type { Store } from '../store/index.js';
import type { TouchpointDeriver } from './touchpoints.js';

export interface ListOptions {
  readonly properties: readonly string[];
  readonly history: readonly string[];
  readonly associations: readonly CrmObjectType[];
  readonly archived: boolean;
  readonly after: string | undefined;
}

/** The HubSpot reads a sync needs, one page per call; the sync owns loops and checkpoints. */
export interface SyncReaders {
  list(type: CrmObjectType, options: ListOptions): Promise<Page<HubSpotObject>>;
  batchRead(
    type: CrmObjectType,
    ids: readonly string[],
    options: { readonly properties: readonly string[]; readonly history: readonly string[] },
  ): Promise<{ readonly items: readonly HubSpotObject[]; readonly missing: readonly string[] }>;
  /** One record with its histories and associations inline; undefined when HubSpot has none. */
  get(
    type: CrmObjectType,
    id: string,
    options: {
      readonly properties: readonly string[];
      readonly history: readonly string[];
      readonly associations: readonly CrmObjectType[];
    },
  ): Promise<HubSpotObject | undefined>;
  /** Incremental reads by last-modified time; `cursor` undefined starts a window at `since`. */
  search(
    type: CrmObjectType,
    cursor: unknown,
    since: number,
    properties: readonly string[],
  ): Promise<Page<HubSpotObject, unknown>>;
  associations(
    from: CrmObjectType,
    to: CrmObjectType,
    ids: readonly string[],
  ): Promise<Map<string, readonly AssociatedId[]>>;
  bounds(type: CrmObjectType, modifiedProperty: string): Promise<ModifiedBounds>;
  pipelines(): Promise<readonly DealPipeline[]>;
  emailEvents(options: {
    readonly offset: string | undefined;
    readonly startTimestamp: number;
    readonly eventType: string;
  }): Promise<Page<EmailEvent>>;
  marketingEvents(after: string | undefined): Promise<Page<MarketingEvent>>;
  participations(eventId: string, after: string | undefined): Promise<Page<Participation>>;
  /** API calls made so far under this stream's label. */
  calls(): number;
}

export interface StreamProgress {
  readonly stream: string;
  readonly phase: 'starting' | 'full' | 'incremental' | 'archived' | 'derive' | 'done' | 'failed';
  /** Records read from HubSpot in this run. */
  readonly fetched: number;
  /** Estimated records this run will read (HubSpot's search total), when known. */
  readonly estimate?: number;
  readonly apiCalls: number;
  readonly error?: string;
}

export interface SyncLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface StreamContext {
  readonly store: Store;
  readonly portalId: number;
  readonly readers: SyncReaders;
  readonly deriver: TouchpointDeriver;
  readonly log: SyncLogger;
  readonly progress: (p: StreamProgress) => void;
  /** Aborted: finish the current page and its checkpoint, then stop. */
  readonly signal: AbortSignal | undefined;
  /** How far incremental windows reach back before the last run's start (search index lag). */
  readonly overlapMs: number;
  /** A full re-list (reconcile) is due when the last one is older than this. */
  readonly reconcileAfterMs: number;
  readonly now: () => number;
}
