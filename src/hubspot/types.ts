// Domain-side shapes of what the readers return: HubSpot records normalised once (ids as
// strings, times as ms, histories oldest first), so nothing above `hubspot/` parses wire formats.

/** The CRM object types the app reads (HubSpot's plural path names). */
export const CRM_OBJECT_TYPES = [
  'contacts',
  'companies',
  'deals',
  'calls',
  'emails',
  'meetings',
  'communications',
  'notes',
  'tasks',
] as const;
export type CrmObjectType = (typeof CRM_OBJECT_TYPES)[number];

export interface PropertyVersion {
  readonly value: string | null;
  /** ms since epoch */
  readonly timestamp: number;
  readonly sourceType?: string;
  readonly sourceId?: string;
  readonly updatedByUserId?: number;
}

export interface AssociatedId {
  readonly id: string;
  /** HubSpot association type ids (e.g. [3] or [341, 5]). */
  readonly typeIds: readonly number[];
}

export interface AssociationList {
  readonly ids: readonly AssociatedId[];
  /** True when HubSpot paged the inline list: the full list must be read through v4. */
  readonly truncated: boolean;
}

export interface HubSpotObject {
  readonly id: string;
  /** Values as HubSpot sends them: strings or null. */
  readonly properties: Readonly<Record<string, string | null>>;
  /** Per property, oldest first (HubSpot sends newest first). Only requested properties. */
  readonly history?: Readonly<Record<string, readonly PropertyVersion[]>>;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly archived: boolean;
  readonly archivedAt?: number;
  /** Inline associations by target type (plural), when requested. */
  readonly associations?: Readonly<Partial<Record<CrmObjectType, AssociationList>>>;
}

/** One page from a reader; `next` is the opaque cursor for the following page, absent at the end. */
export interface Page<T, C = string> {
  readonly items: readonly T[];
  readonly next?: C;
  /** Items that failed validation and were skipped (each is logged by the reader). */
  readonly malformed: number;
}
