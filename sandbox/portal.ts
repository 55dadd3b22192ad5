// The sandbox's in-memory HubSpot portal: the data the emulated API serves and the generator and
// time simulator write. Every mutation goes through the functions here, so property histories,
// last-modified stamps and webhook events stay consistent whichever side made the change.

export const OBJECT_TYPES = [
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
export type ObjectType = (typeof OBJECT_TYPES)[number];

export const ENGAGEMENT_TYPES = [
  'calls',
  'emails',
  'meetings',
  'communications',
  'notes',
  'tasks',
] as const;

/** HubSpot's object type ids (webhooks, card context). */
export const OBJECT_TYPE_IDS: Readonly<Record<ObjectType, string>> = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
  calls: '0-48',
  emails: '0-49',
  meetings: '0-47',
  notes: '0-46',
  tasks: '0-27',
  communications: '0-18',
};

/** Singular names used in webhook subscription types and error messages ("DEAL"). */
export const SINGULAR: Readonly<Record<ObjectType, string>> = {
  contacts: 'contact',
  companies: 'company',
  deals: 'deal',
  calls: 'call',
  emails: 'email',
  meetings: 'meeting',
  communications: 'communication',
  notes: 'note',
  tasks: 'task',
};

/** The last-modified property HubSpot uses as the incremental cursor of each type. */
export const LAST_MODIFIED: Readonly<Record<ObjectType, string>> = {
  contacts: 'lastmodifieddate',
  companies: 'hs_lastmodifieddate',
  deals: 'hs_lastmodifieddate',
  calls: 'hs_lastmodifieddate',
  emails: 'hs_lastmodifieddate',
  meetings: 'hs_lastmodifieddate',
  communications: 'hs_lastmodifieddate',
  notes: 'hs_lastmodifieddate',
  tasks: 'hs_lastmodifieddate',
};

export type Tier = 'free' | 'starter' | 'professional' | 'enterprise';
export type AppType = 'private' | 'oauth';

export interface PropertyVersion {
  readonly value: string | null;
  /** ms since epoch */
  readonly timestamp: number;
  readonly sourceType: string;
  readonly sourceId?: string;
  readonly updatedByUserId?: number;
}

export interface CrmRecord {
  /** Numeric string, unique per portal across types (like HubSpot's, never reused). */
  id: string;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt?: number;
  /** Current values; HubSpot values are strings or null. */
  properties: Record<string, string | null>;
  /** Per property, oldest first (the API serves newest first). */
  history: Record<string, PropertyVersion[]>;
  /** Ids merged into this record (contacts): `hs_merged_object_ids`. */
  mergedIds?: string[];
}

export interface PropertyOption {
  label: string;
  value: string;
  hidden: boolean;
  displayOrder?: number;
  description?: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hidden: boolean;
  formField: boolean;
  calculated: boolean;
  hubspotDefined: boolean;
  externalOptions: boolean;
  hasUniqueValue: boolean;
  showCurrencySymbol?: boolean;
  numberDisplayHint?: string;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  readOnlyValue: boolean;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

export interface PipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  metadata: { isClosed: 'true' | 'false'; probability: string };
}

export interface Pipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: PipelineStage[];
}

/** A marketing email event (legacy v1 email events API). */
export interface EmailEvent {
  id: string;
  created: number;
  type: string;
  recipient: string;
  emailCampaignId: number;
  url?: string;
  portalId: number;
  filteredEvent: boolean;
}

/** A marketing event participation (v3 participations breakdown). */
export interface Participation {
  id: string;
  contactId: string;
  email: string;
  marketingEventId: string;
  eventName: string;
  /** The event's `eventType` (free text in HubSpot, e.g. "Webinar"); served on the event list. */
  eventType?: string;
  attendanceState: 'REGISTERED' | 'ATTENDED' | 'CANCELLED' | 'NO_SHOW' | 'EMPTY';
  occurredAt: number;
  attendanceDurationSeconds?: number;
  createdAt: number;
}

/** A web-analytics event (Enterprise only). */
export interface WebEvent {
  id: string;
  eventType: string;
  objectType: 'contact';
  objectId: string;
  occurredAt: number;
  properties: Record<string, string>;
}

/** What changed, for webhooks and for `POST /_sandbox/advance`. */
export type ChangeEvent =
  | { kind: 'creation'; type: ObjectType; id: string; at: number }
  | { kind: 'deletion'; type: ObjectType; id: string; at: number }
  | {
      kind: 'propertyChange';
      type: ObjectType;
      id: string;
      at: number;
      property: string;
      value: string | null;
      source: string;
    }
  | {
      kind: 'associationChange';
      type: ObjectType;
      id: string;
      at: number;
      toType: ObjectType;
      toId: string;
      removed: boolean;
    }
  | { kind: 'merge'; type: ObjectType; id: string; at: number; mergedIds: string[] };

/** The planted ground truth: how each channel moves outcomes (for data-driven model checks). */
export interface PlantedTruth {
  /**
   * Per channel (the app's channel ids and teams): additive log-odds effect on winning, and its
   * rank (1 = strongest).
   */
  readonly channels: readonly {
    channel: string;
    team: 'marketing' | 'sales';
    effect: number;
    rank: number;
  }[];
  readonly description: string;
  /** Deals whose dormant account was revived by one touch. */
  readonly revivedDeals: readonly string[];
  /** Intercept of the planted logistic model (generator). */
  readonly baseLogOdds?: number;
  /** Per revived deal: the single touch that ended the account's silence (generator). */
  readonly revivals?: readonly RevivalTruth[];
  /** Per closed deal: the distinct planted channels and the win probability drawn from (generator). */
  readonly deals?: readonly DealTruth[];
}

/** The touch that revived a dormant account before a deal (generator's truth). */
export interface RevivalTruth {
  readonly dealId: string;
  readonly companyId: string;
  readonly contactId: string;
  readonly channel: string;
  /** ms */
  readonly occurredAt: number;
  /** Days without any touch of the account before the reviving touch. */
  readonly silenceDays: number;
  /** Where the touch is stored: an engagement type, 'visit', 'emailEvent' or 'participation'. */
  readonly medium: string;
  /** Engagement / event / participation id; absent for visits (contact history entries). */
  readonly recordId?: string;
}

/** One closed deal of the planted model (generator's truth). */
export interface DealTruth {
  readonly dealId: string;
  readonly channels: readonly string[];
  readonly probability: number;
  readonly won: boolean;
}

export interface Portal {
  readonly portalId: number;
  readonly tier: Tier;
  readonly timeZone: string;
  readonly currency: string;
  /** The simulated "now" (ms). */
  now: number;
  nextId: number;
  readonly objects: Record<ObjectType, Map<string, CrmRecord>>;
  /** `${fromType}:${fromId}:${toType}` → (toId → association type ids). Both directions stored. */
  readonly associations: Map<string, Map<string, number[]>>;
  /** Old (merged-away) id → surviving id, per type. */
  readonly merged: Record<ObjectType, Map<string, string>>;
  readonly properties: Record<ObjectType, Map<string, PropertyDefinition>>;
  readonly groups: Record<ObjectType, Map<string, PropertyGroup>>;
  readonly pipelines: Pipeline[];
  readonly emailEvents: EmailEvent[];
  readonly participations: Participation[];
  readonly webEvents: WebEvent[];
  truth: PlantedTruth;
  /** Listeners (webhook dispatcher); called synchronously after each change. */
  readonly listeners: ((e: ChangeEvent) => void)[];
}

const perType = <T>(make: () => T): Record<ObjectType, T> =>
  Object.fromEntries(OBJECT_TYPES.map((t) => [t, make()])) as Record<ObjectType, T>;

export function createPortal(init: {
  portalId: number;
  tier: Tier;
  timeZone?: string;
  currency?: string;
  now: number;
}): Portal {
  return {
    portalId: init.portalId,
    tier: init.tier,
    timeZone: init.timeZone ?? 'America/New_York',
    currency: init.currency ?? 'USD',
    now: init.now,
    nextId: 1001,
    objects: perType(() => new Map<string, CrmRecord>()),
    associations: new Map(),
    merged: perType(() => new Map<string, string>()),
    properties: perType(() => new Map<string, PropertyDefinition>()),
    groups: perType(() => new Map<string, PropertyGroup>()),
    pipelines: [],
    emailEvents: [],
    participations: [],
    webEvents: [],
    truth: { channels: [], description: '', revivedDeals: [] },
    listeners: [],
  };
}

function emit(portal: Portal, e: ChangeEvent): void {
  for (const l of portal.listeners) l(e);
}

/** Creates a record with the given properties (history entries at `at`); returns it. */
export function createRecord(
  portal: Portal,
  type: ObjectType,
  properties: Record<string, string | null>,
  at: number = portal.now,
  sourceType = 'API',
): CrmRecord {
  const id = String(portal.nextId++);
  const record: CrmRecord = {
    id,
    createdAt: at,
    updatedAt: at,
    archived: false,
    properties: {},
    history: {},
  };
  portal.objects[type].set(id, record);
  const all: Record<string, string | null> = {
    createdate: new Date(at).toISOString(),
    ...properties,
    hs_object_id: id,
  };
  for (const [name, value] of Object.entries(all)) {
    record.properties[name] = value;
    record.history[name] = [{ value, timestamp: at, sourceType }];
  }
  record.properties[LAST_MODIFIED[type]] = new Date(at).toISOString();
  emit(portal, { kind: 'creation', type, id, at });
  return record;
}

/** Sets properties at `at`, appending history and bumping last-modified when a value changes. */
export function updateRecord(
  portal: Portal,
  type: ObjectType,
  record: CrmRecord,
  properties: Record<string, string | null>,
  at: number = portal.now,
  sourceType = 'API',
): void {
  let changed = false;
  for (const [name, raw] of Object.entries(properties)) {
    const value = raw === '' ? null : raw;
    if ((record.properties[name] ?? null) === value) continue;
    changed = true;
    record.properties[name] = value;
    (record.history[name] ??= []).push({ value, timestamp: at, sourceType });
    emit(portal, {
      kind: 'propertyChange',
      type,
      id: record.id,
      at,
      property: name,
      value,
      source: sourceType,
    });
  }
  if (changed) {
    record.updatedAt = Math.max(record.updatedAt, at);
    record.properties[LAST_MODIFIED[type]] = new Date(record.updatedAt).toISOString();
  }
}

export function archiveRecord(
  portal: Portal,
  type: ObjectType,
  record: CrmRecord,
  at = portal.now,
): void {
  if (record.archived) return;
  record.archived = true;
  record.archivedAt = at;
  record.updatedAt = at;
  emit(portal, { kind: 'deletion', type, id: record.id, at });
}

const assocKey = (fromType: ObjectType, fromId: string, toType: ObjectType): string =>
  `${fromType}:${fromId}:${toType}`;

/** Associates both directions with the given type ids (from→to and to→from). */
export function associate(
  portal: Portal,
  from: { type: ObjectType; id: string },
  to: { type: ObjectType; id: string },
  typeIds: { forward: number[]; reverse: number[] },
  at = portal.now,
): void {
  const put = (
    a: { type: ObjectType; id: string },
    b: { type: ObjectType; id: string },
    ids: number[],
  ) => {
    const key = assocKey(a.type, a.id, b.type);
    let m = portal.associations.get(key);
    if (!m) portal.associations.set(key, (m = new Map<string, number[]>()));
    const existing = m.get(b.id) ?? [];
    m.set(
      b.id,
      [...new Set([...existing, ...ids])].sort((x, y) => x - y),
    );
  };
  put(from, to, typeIds.forward);
  put(to, from, typeIds.reverse);
  emit(portal, {
    kind: 'associationChange',
    type: from.type,
    id: from.id,
    at,
    toType: to.type,
    toId: to.id,
    removed: false,
  });
}

/** Associated ids (with type ids) of one record, in ascending numeric id order. */
export function associationsOf(
  portal: Portal,
  fromType: ObjectType,
  fromId: string,
  toType: ObjectType,
): { toId: string; typeIds: number[] }[] {
  const m = portal.associations.get(assocKey(fromType, fromId, toType));
  if (!m) return [];
  return [...m.entries()]
    .filter(([toId]) => !portal.objects[toType].get(toId)?.archived)
    .map(([toId, typeIds]) => ({ toId, typeIds }))
    .sort((a, b) => Number(a.toId) - Number(b.toId));
}

/**
 * Merges `loser` into `winner` (contacts/companies): the loser is archived, its id redirects to the
 * winner, its associations move to the winner, and the winner's `hs_merged_object_ids` grows.
 */
export function mergeRecords(
  portal: Portal,
  type: ObjectType,
  winner: CrmRecord,
  loser: CrmRecord,
  at = portal.now,
): void {
  const moved: { toType: ObjectType; toId: string; forward: number[]; reverse: number[] }[] = [];
  for (const toType of OBJECT_TYPES) {
    for (const a of associationsOf(portal, type, loser.id, toType)) {
      const reverse = portal.associations.get(assocKey(toType, a.toId, type))?.get(loser.id) ?? [];
      moved.push({ toType, toId: a.toId, forward: a.typeIds, reverse });
    }
  }
  for (const toType of OBJECT_TYPES) {
    const m = portal.associations.get(assocKey(type, loser.id, toType));
    if (!m) continue;
    for (const toId of m.keys())
      portal.associations.get(assocKey(toType, toId, type))?.delete(loser.id);
    portal.associations.delete(assocKey(type, loser.id, toType));
  }
  for (const a of moved) {
    associate(
      portal,
      { type, id: winner.id },
      { type: a.toType, id: a.toId },
      { forward: a.forward, reverse: a.reverse },
      at,
    );
  }
  loser.archived = true;
  loser.archivedAt = at;
  portal.merged[type].set(loser.id, winner.id);
  for (const [old, into] of portal.merged[type])
    if (into === loser.id) portal.merged[type].set(old, winner.id);
  winner.mergedIds = [...(winner.mergedIds ?? []), loser.id, ...(loser.mergedIds ?? [])];
  updateRecord(
    portal,
    type,
    winner,
    { hs_merged_object_ids: winner.mergedIds.join(';') },
    at,
    'MERGE',
  );
  emit(portal, { kind: 'merge', type, id: winner.id, at, mergedIds: [loser.id] });
}

/** Resolves an id through merges (old id → survivor); undefined if unknown. */
export function resolveId(portal: Portal, type: ObjectType, id: string): CrmRecord | undefined {
  const direct = portal.objects[type].get(id);
  const survivor = portal.merged[type].get(id);
  if (survivor !== undefined) return portal.objects[type].get(survivor);
  return direct;
}
