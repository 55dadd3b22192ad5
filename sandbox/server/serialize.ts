// Record → HubSpot wire object (HUBSPOT.md §5): requested properties plus hs_object_id, createdate
// and the last-modified property; history newest first; v3 inline associations.

import {
  associationsOf,
  LAST_MODIFIED,
  OBJECT_TYPES,
  SINGULAR,
  type CrmRecord,
  type ObjectType,
  type Portal,
} from '../portal.js';
import { isPrimaryTypeId } from './association-types.js';

export const isObjectType = (s: string): s is ObjectType =>
  (OBJECT_TYPES as readonly string[]).includes(s);

/** Types as URLs and `associations=` spell them: plural, or singular ("contact"), any case. */
export function parseObjectType(s: string): ObjectType | undefined {
  const lower = s.toLowerCase();
  if (isObjectType(lower)) return lower;
  return OBJECT_TYPES.find((t) => SINGULAR[t] === lower);
}

/** A query parameter as a list: repeated keys and comma lists both count (HubSpot takes both). */
export function queryList(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return parts
    .flatMap((p) => String(p).split(','))
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

const DEFAULT_PROPERTIES: Partial<Record<ObjectType, readonly string[]>> = {
  contacts: ['firstname', 'lastname', 'email'],
  companies: ['name', 'domain'],
  deals: ['dealname', 'amount', 'closedate', 'pipeline', 'dealstage'],
};

export interface ShapeOptions {
  /** Requested properties; undefined → the type's defaults. */
  readonly properties: readonly string[] | undefined;
  readonly withHistory: readonly string[];
  readonly associations: readonly ObjectType[];
}

/** The properties a shape returns: the requested (or default) ones plus the three HubSpot adds. */
export const propertyNames = (type: ObjectType, opts: ShapeOptions): string[] => [
  ...(opts.properties ?? DEFAULT_PROPERTIES[type] ?? []),
  'hs_object_id',
  'createdate',
  LAST_MODIFIED[type],
];

const iso = (ms: number): string => new Date(ms).toISOString();

export function shapeRecord(
  portal: Portal,
  type: ObjectType,
  record: CrmRecord,
  opts: ShapeOptions,
): Record<string, unknown> {
  const defined = portal.properties[type];
  const names = propertyNames(type, opts);
  const properties: Record<string, string | null> = {};
  for (const name of names) {
    const value = record.properties[name];
    // Unknown properties are ignored; defined ones without a value come back as null.
    if (value !== undefined) properties[name] = value;
    else if (defined.has(name)) properties[name] = null;
  }
  const out: Record<string, unknown> = { id: record.id, properties };
  if (opts.withHistory.length > 0) {
    const history: Record<string, unknown[]> = {};
    for (const name of opts.withHistory) {
      const versions = record.history[name];
      if (versions === undefined) {
        if (defined.has(name)) history[name] = [];
        continue;
      }
      history[name] = [...versions].reverse().map((v) => ({
        value: v.value ?? '',
        timestamp: iso(v.timestamp),
        sourceType: v.sourceType,
        ...(v.sourceId === undefined ? {} : { sourceId: v.sourceId }),
        ...(v.updatedByUserId === undefined ? {} : { updatedByUserId: v.updatedByUserId }),
      }));
    }
    out['propertiesWithHistory'] = history;
  }
  if (opts.associations.length > 0) {
    const assoc: Record<string, InlineAssociations> = {};
    for (const toType of opts.associations) {
      const page = inlineAssociations(portal, type, record.id, toType);
      if (page.results.length > 0) assoc[toType] = page;
    }
    if (Object.keys(assoc).length > 0) out['associations'] = assoc;
  }
  out['createdAt'] = iso(record.createdAt);
  out['updatedAt'] = iso(record.updatedAt);
  out['archived'] = record.archived;
  if (record.archivedAt !== undefined) out['archivedAt'] = iso(record.archivedAt);
  return out;
}

/**
 * Associations one record lists inline per type on v3 reads: HubSpot pages them at 100 (changelog
 * "Announcing a change to how v3 CRM APIs return association data", in force since 2021-01-18) and
 * says so with `paging.next.after`; the rest must be read through the associations API.
 */
export const INLINE_ASSOCIATIONS_MAX = 100;

interface InlineAssociations {
  results: { id: string; type: string }[];
  paging?: { next: { after: string; link: string } };
}

/** The same opaque cursor as the v4 association reads: the next associated id, base64url. */
export const associationCursor = (toId: string): string => Buffer.from(toId).toString('base64url');

/**
 * The first page of a record's associations to one type, one row per association type (a
 * labelled pair is two rows). A page holds at most INLINE_ASSOCIATIONS_MAX rows and never splits
 * one associated record's rows, so the cursor can name the next record.
 */
function inlineAssociations(
  portal: Portal,
  type: ObjectType,
  id: string,
  toType: ObjectType,
): InlineAssociations {
  const base = `${SINGULAR[type]}_to_${SINGULAR[toType]}`;
  const results: { id: string; type: string }[] = [];
  for (const a of associationsOf(portal, type, id, toType)) {
    if (results.length + a.typeIds.length > INLINE_ASSOCIATIONS_MAX) {
      const after = associationCursor(a.toId);
      const link = `/crm/v4/objects/${type}/${id}/associations/${toType}?after=${after}`;
      return { results, paging: { next: { after, link } } };
    }
    for (const typeId of a.typeIds)
      results.push({
        id: a.toId,
        // With a primary label present, HubSpot names the plain pair "…_unlabeled".
        type:
          a.typeIds.length > 1 && !isPrimaryTypeId(type, toType, typeId)
            ? `${base}_unlabeled`
            : base,
      });
  }
  return { results };
}

/** A scalar input as text ('' for objects and arrays), for ids and query values. */
export function text(value: unknown): string {
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}

/** A query parameter's single value, or undefined when absent. */
export const queryValue = (value: unknown): string | undefined =>
  value === undefined ? undefined : text(value);
