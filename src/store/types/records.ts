// The store's records: portals, raw synced records, merges and associations.

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

export interface ReadOptions {
  /** False: the records come back with an empty history (cheaper to read). Default true. */
  readonly history?: boolean;
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

export interface PortalMethods {
  upsertPortal(portalId: number, portal: Omit<PortalInput, 'portalId'>): Promise<Portal>;
  getPortal(portalId: number): Promise<Portal | undefined>;
  /** The one cross-portal read (scheduler): ids of all portals, ascending. */
  listPortalIds(): Promise<number[]>;
}

export interface RecordMethods {
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
    options?: ReadOptions,
  ): Promise<StoredRecord[]>;
  iterateRecords(
    portalId: number,
    objectType: RecordType,
    options?: IterateOptions,
  ): AsyncGenerator<StoredRecord[], void, undefined>;
  /** Ids only, in the store's id order (keyset pages: `after` the last id of the previous one). */
  listRecordIds(
    portalId: number,
    objectType: RecordType,
    options?: {
      readonly after?: string;
      /** 1–5000, default 1000. */
      readonly limit?: number;
      readonly includeArchived?: boolean;
    },
  ): Promise<string[]>;
  /** Live (non-archived) records per type; types without rows are 0. */
  countRecords(portalId: number): Promise<Record<RecordType, number>>;
  recordMerges(portalId: number, objectType: RecordType, merges: readonly Merge[]): Promise<void>;
  /** Every input id → the id it finally merged into (itself when never merged). */
  resolveIds(
    portalId: number,
    objectType: RecordType,
    ids: readonly string[],
  ): Promise<Map<string, string>>;
}

export interface AssociationMethods {
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
}
