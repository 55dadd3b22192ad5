// The Store: everything the app persists, behind one interface with a SQLite and a PostgreSQL
// implementation that pass one contract suite (test/integration/store/contract.ts).
//
// TENANCY RULE. Every table's key begins with portal_id, every method takes `portalId` first, and
// every query filters by it: no method ever reads or writes a row of another portal. The single
// exception is `listPortalIds()`, which the scheduler needs to know which portals exist.
//
// Errors: invalid input and database faults throw StoreError (with `cause`); nothing is written
// when input is invalid. Expected outcomes (stale checkpoint, settings race) are Result values.
//
// Ids: HubSpot ids are numeric strings; the store keeps them as text and orders them numerically
// ("9" < "10" < "100"), then non-numeric ids (email events) after all numeric ones in code-unit
// order. See ids.ts.

import type { TouchKind } from '../domain/index.js';
import type { DealAttribution, Touchpoint } from '../attribution/index.js';
import type { Result } from '../kernel/index.js';

export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Every stream the sync stores as raw records. */
export const RECORD_TYPES = [
  'contacts',
  'companies',
  'deals',
  'calls',
  'emails',
  'meetings',
  'communications',
  'notes',
  'tasks',
  'email_events',
  'marketing_events',
  'marketing_event_participations',
  'web_events',
  'pipelines',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export interface Portal {
  readonly portalId: number;
  readonly name: string;
  readonly timeZone: string;
  /** ISO 4217, upper case. */
  readonly currency: string;
  readonly tier: 'free' | 'starter' | 'professional' | 'enterprise';
  readonly appType: 'private' | 'oauth';
  readonly createdAt: number;
  readonly updatedAt: number;
}
export type PortalInput = Omit<Portal, 'createdAt' | 'updatedAt'>;

export interface PropertyVersion {
  readonly value: string | null;
  /** ms since epoch */
  readonly timestamp: number;
  readonly sourceType?: string;
  readonly sourceId?: string;
  readonly updatedByUserId?: number;
}

/** A record as the sync hands it over (HubSpot object, email event, participation, …). */
export interface RecordInput {
  readonly id: string;
  /** CRM values are strings or null; other streams may carry any JSON. */
  readonly properties: { readonly [name: string]: JsonValue };
  /** Per property, oldest first. */
  readonly history?: { readonly [name: string]: readonly PropertyVersion[] };
  readonly createdAt?: number;
  /** HubSpot `updatedAt` (ms). */
  readonly updatedAt: number;
  readonly archived?: boolean;
  readonly archivedAt?: number;
}

export interface StoredRecord {
  readonly id: string;
  readonly properties: { readonly [name: string]: JsonValue };
  readonly history: { readonly [name: string]: readonly PropertyVersion[] };
  readonly createdAt: number | null;
  readonly updatedAt: number;
  readonly archived: boolean;
  readonly archivedAt: number | null;
  readonly contentHash: string;
  readonly syncedAt: number;
}

export interface UpsertSummary {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

export interface IterateOptions {
  /** Rows per yielded page, 1–5000 (default 500). */
  readonly pageSize?: number;
  readonly includeArchived?: boolean;
  /** Resume after this id (exclusive), in the store's id order. */
  readonly after?: string;
}

export interface Merge {
  readonly fromId: string;
  readonly intoId: string;
}

export interface AssociationPair {
  readonly fromId: string;
  readonly toId: string;
  /** HubSpot association type ids (e.g. [3] or [341, 5]). */
  readonly typeIds: readonly number[];
}

export type StoredTouchpoint = Touchpoint & {
  readonly originType: string;
  readonly originId: string;
};
export type TouchpointInput = Touchpoint & { readonly originId: string };

export interface RecentTouchpointsOptions {
  /** How many touches, 1–5000. */
  readonly limit: number;
  /** Only these kinds (at least one); all kinds when omitted. */
  readonly kinds?: readonly TouchKind[];
}

export type SyncPhase = 'full' | 'incremental';

export interface Checkpoint {
  readonly portalId: number;
  readonly stream: string;
  /** 0 = never saved. saveCheckpoint succeeds only if the stored version still equals this. */
  readonly version: number;
  readonly cursor: JsonValue;
  readonly phase: SyncPhase;
  readonly lastFullSyncAt: number | null;
  readonly updatedAt: number;
}
export type CheckpointInput = Omit<Checkpoint, 'updatedAt'>;

export interface StreamStatus {
  readonly stream: string;
  readonly records: number;
  readonly apiCalls: number;
  readonly lastError: {
    readonly kind: string;
    readonly message: string;
    readonly at: number;
  } | null;
  readonly lastRunAt: number | null;
}

export interface AttributionRecord {
  readonly dealId: string;
  readonly model: string;
  readonly modelVersion: number;
  readonly settingsVersion: number;
  readonly computedAt: number;
  readonly result: DealAttribution;
  readonly hash: string;
}

/**
 * A deal's journey as the last recompute assembled it: the read model's deal half (the per-model
 * results are AttributionRecords). The document's shape belongs to the services
 * (src/services/stored-journey.ts), which check it on read; the store checks it is JSON.
 */
export interface DealJourneyRecord {
  readonly dealId: string;
  readonly settingsVersion: number;
  readonly computedAt: number;
  readonly journey: JsonValue;
  readonly hash: string;
}

/** What a recompute needs to skip unchanged journeys: each stored one's hash. */
export type DealJourneyStamp = Pick<DealJourneyRecord, 'dealId' | 'hash' | 'computedAt'>;

export interface ListDealJourneysOptions {
  /** Keyset: deal ids after this one (store id order). */
  readonly afterDealId?: string;
  /** 1–5000, default 1000. */
  readonly limit?: number;
}

export interface ListAttributionsOptions {
  readonly model?: string;
  /** Keyset: deal ids after this one (store id order). */
  readonly afterDealId?: string;
  /** 1–5000, default 1000. */
  readonly limit?: number;
}

export interface WritebackState {
  readonly objectId: string;
  readonly hash: string;
  readonly values: { readonly [name: string]: JsonValue };
  readonly writtenAt: number;
}

export interface SettingsVersion {
  readonly version: number;
  readonly settings: { readonly [key: string]: JsonValue };
  readonly createdAt: number;
}

export interface OAuthTokenRecord {
  /** Encrypted outside the store; stored verbatim (base64 text). */
  readonly encryptedRefreshToken: string;
  readonly accessTokenExpiresAt: number | null;
  readonly scopes: readonly string[];
  readonly updatedAt: number;
}
export type OAuthTokenInput = Omit<OAuthTokenRecord, 'updatedAt'>;

/** A portal's model evaluation (extensions/domain/evaluation.ts) and what it was computed under. */
export interface EvaluationRecord {
  /** When the worker computed it (ms). */
  readonly computedAt: number;
  readonly settingsVersion: number;
  /** The evaluation document; saveEvaluation checks it against the shared evaluation schema. */
  readonly evaluation: JsonValue;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';

  // Portals
  upsertPortal(portalId: number, portal: Omit<PortalInput, 'portalId'>): Promise<Portal>;
  getPortal(portalId: number): Promise<Portal | undefined>;
  /** The one cross-portal read (scheduler): ids of all portals, ascending. */
  listPortalIds(): Promise<number[]>;

  // Raw records
  /** One transaction per call; rows whose content hash and archived state match are skipped. */
  upsertRecords(
    portalId: number,
    objectType: RecordType,
    records: readonly RecordInput[],
  ): Promise<UpsertSummary>;
  /** Returns how many rows changed state. */
  setArchived(
    portalId: number,
    objectType: RecordType,
    ids: readonly string[],
    archived: boolean,
    at?: number,
  ): Promise<number>;
  getRecords(
    portalId: number,
    objectType: RecordType,
    ids: readonly string[],
  ): Promise<StoredRecord[]>;
  iterateRecords(
    portalId: number,
    objectType: RecordType,
    options?: IterateOptions,
  ): AsyncGenerator<StoredRecord[], void, undefined>;
  /** Live (non-archived) records per type; types without rows are 0. */
  countRecords(portalId: number): Promise<Record<RecordType, number>>;
  recordMerges(portalId: number, objectType: RecordType, merges: readonly Merge[]): Promise<void>;
  /** Every input id → the id it finally merged into (itself when never merged). */
  resolveIds(
    portalId: number,
    objectType: RecordType,
    ids: readonly string[],
  ): Promise<Map<string, string>>;

  // Associations
  /** Replaces the full set of `toType` associations of `fromIds` (pairs must come from fromIds). */
  replaceAssociations(
    portalId: number,
    fromType: RecordType,
    fromIds: readonly string[],
    toType: RecordType,
    pairs: readonly AssociationPair[],
  ): Promise<void>;
  /** Stored in either direction; returned oriented from `fromType`. */
  associationsOf(
    portalId: number,
    fromType: RecordType,
    fromIds: readonly string[],
    toType: RecordType,
  ): Promise<AssociationPair[]>;

  // Touchpoints
  replaceTouchpointsFor(
    portalId: number,
    originType: string,
    originIds: readonly string[],
    touchpoints: readonly TouchpointInput[],
  ): Promise<void>;
  /** Ordered by occurredAt, then id. */
  touchpointsForContacts(
    portalId: number,
    contactIds: readonly string[],
  ): Promise<StoredTouchpoint[]>;
  /** The portal's latest touches: occurredAt descending, then id descending (binary order). */
  recentTouchpoints(
    portalId: number,
    options: RecentTouchpointsOptions,
  ): Promise<StoredTouchpoint[]>;

  // Sync state
  getCheckpoint(portalId: number, stream: string): Promise<Checkpoint | undefined>;
  saveCheckpoint(cp: CheckpointInput): Promise<Result<Checkpoint, 'checkpoint_conflict'>>;
  saveStreamStatus(portalId: number, status: StreamStatus): Promise<void>;
  streamStatuses(portalId: number): Promise<StreamStatus[]>;

  // Attribution results
  saveAttributions(portalId: number, results: readonly AttributionRecord[]): Promise<void>;
  attributionsForDeal(portalId: number, dealId: string): Promise<AttributionRecord[]>;
  listAttributions(
    portalId: number,
    options?: ListAttributionsOptions,
  ): Promise<AttributionRecord[]>;

  // Deal journeys (the read model's deal half; see DealJourneyRecord)
  saveDealJourneys(portalId: number, journeys: readonly DealJourneyRecord[]): Promise<void>;
  /** The stored journeys of these deals, by deal id (unknown ids are absent). */
  dealJourneys(
    portalId: number,
    dealIds: readonly string[],
  ): Promise<Map<string, DealJourneyRecord>>;
  /** Journeys in deal id order (keyset pages). */
  listDealJourneys(
    portalId: number,
    options?: ListDealJourneysOptions,
  ): Promise<DealJourneyRecord[]>;
  /** Hash and time of journeys in deal id order (keyset pages), without the documents. */
  listDealJourneyStamps(
    portalId: number,
    options?: ListDealJourneysOptions,
  ): Promise<DealJourneyStamp[]>;
  /** Deletes the journeys and every model's results of these deals; returns journeys deleted. */
  deleteDealResults(portalId: number, dealIds: readonly string[]): Promise<number>;

  // Write-back state
  writebackStates(
    portalId: number,
    objectType: RecordType,
    objectIds: readonly string[],
  ): Promise<Map<string, WritebackState>>;
  saveWritebackStates(
    portalId: number,
    objectType: RecordType,
    states: readonly WritebackState[],
  ): Promise<void>;

  // Settings
  /** Appends version expectedVersion + 1; conflict when someone saved in between. */
  saveSettings(
    portalId: number,
    settings: { readonly [key: string]: JsonValue },
    expectedVersion: number,
  ): Promise<Result<SettingsVersion, 'settings_conflict'>>;
  currentSettings(portalId: number): Promise<SettingsVersion | undefined>;
  settingsVersion(portalId: number, version: number): Promise<SettingsVersion | undefined>;

  // Webhooks
  /** Records the ids; returns those not seen before (input order, duplicates collapsed). */
  markWebhookEvents(portalId: number, eventIds: readonly (string | number)[]): Promise<string[]>;
  pruneWebhookEvents(portalId: number, receivedBefore: number): Promise<number>;

  // Model evaluation (one per portal: the latest)
  /**
   * Replaces the portal's evaluation unless the stored one was computed later (a slow, older
   * computation never overwrites a newer one). Returns whether this one is now stored.
   */
  saveEvaluation(portalId: number, evaluation: EvaluationRecord): Promise<boolean>;
  latestEvaluation(portalId: number): Promise<EvaluationRecord | undefined>;

  // OAuth
  saveOAuthToken(portalId: number, token: OAuthTokenInput): Promise<void>;
  getOAuthToken(portalId: number): Promise<OAuthTokenRecord | undefined>;

  /** Schema migrations applied and pending (pending is empty after a successful open). */
  migrations(): Promise<{
    readonly applied: readonly string[];
    readonly pending: readonly string[];
  }>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Clock for synced_at / updated_at stamps (ms); tests pass a fake. */
  readonly now?: () => number;
}
