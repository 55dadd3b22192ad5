// Incremental reads through search by each type's last-modified property (hubspot-behavior.md
// #3, #6), sorted ascending, one page per call. Search's `after` is an offset and paging past
// 10,000 results is a 400, so a query never pages that far: when the next offset would reach the
// cap, a new window starts at GTE the last modified time seen, skipping the ids already returned
// at that exact ms. If one ms holds more than a whole window (> 10,000 records modified in the
// same millisecond, e.g. a bulk import), that ms is paged by `hs_object_id` GT the last id.
//
// The cursor is plain JSON: the sync saves it in its checkpoint and resumes from it.

import { z } from 'zod';
import type { HubSpotApi } from '../api.js';
import { CRM_OBJECT_TYPES, type CrmObjectType, type HubSpotObject, type Page } from '../types.js';
import {
  check,
  Paging,
  parseEnvelope,
  parseItems,
  toHubSpotObject,
  toMs,
  WireObject,
  type ReadOptions,
} from './wire.js';

export const SEARCH_LIMIT = 200;
/** HubSpot answers 400 for `after` ≥ 10,000. */
export const SEARCH_CAP = 10_000;

/** Contacts keep `lastmodifieddate`; every other type `hs_lastmodifieddate`. */
export const lastModifiedProperty = (type: CrmObjectType): string =>
  type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';

// A type alias (not an interface) so it is assignable to the store's JSON type.
export type SearchCursor = {
  /** Window start in ms: last-modified ≥ since (> since when `exclusive`). */
  readonly since: number;
  readonly exclusive: boolean;
  /** HubSpot's offset inside the current window. */
  readonly after: number;
  /** Ids at last-modified == since returned by earlier windows: skipped now. */
  readonly skip: readonly string[];
  /** The newest last-modified time returned in this window, and the ids returned at it. */
  readonly tailMs: number | null;
  readonly tail: readonly string[];
  /** While paging one over-full ms by id: that ms and the last id read. */
  readonly sameMs: { readonly ms: number; readonly afterId: string } | null;
};

const Cursor = z.object({
  since: z.number().int().nonnegative(),
  exclusive: z.boolean(),
  after: z
    .int()
    .min(0)
    .max(SEARCH_CAP - 1),
  skip: z.array(z.string()),
  tailMs: z.number().int().nullable(),
  tail: z.array(z.string()),
  sameMs: z.object({ ms: z.number().int(), afterId: z.string().regex(/^\d+$/) }).nullable(),
});

const Input = z.object({
  type: z.enum(CRM_OBJECT_TYPES),
  // A saved cursor has `after`; a fresh one only `since`.
  cursor: z.union([Cursor, z.strictObject({ since: z.number().int().nonnegative() })]),
  properties: z.array(z.string().min(1)).readonly().optional(),
  limit: z.int().min(1).max(SEARCH_LIMIT).optional(),
});

export interface SearchOptions extends ReadOptions {
  readonly properties?: readonly string[];
  /** Default 200, HubSpot's maximum. */
  readonly limit?: number;
}

/** A fresh cursor: everything modified at or after `since` (ms). */
export const searchFrom = (since: number): SearchCursor => ({
  since,
  exclusive: false,
  after: 0,
  skip: [],
  tailMs: null,
  tail: [],
  sameMs: null,
});

const Body = z.object({
  total: z.number().optional(),
  results: z.array(z.unknown()),
  paging: Paging,
});

export interface SearchPage extends Page<HubSpotObject, SearchCursor> {
  /** HubSpot's count of matches of the current query (the window, not the whole run). */
  readonly total: number | undefined;
}

export async function searchModified(
  api: HubSpotApi,
  type: CrmObjectType,
  cursor: SearchCursor | { readonly since: number },
  options: SearchOptions = {},
): Promise<SearchPage> {
  const input = check(
    Input,
    { type, cursor, properties: options.properties, limit: options.limit },
    'searchModified',
  );
  const c: SearchCursor = 'after' in input.cursor ? input.cursor : searchFrom(input.cursor.since);
  const modified = lastModifiedProperty(type);
  const limit = input.limit ?? SEARCH_LIMIT;
  const filters = c.sameMs
    ? [
        { propertyName: modified, operator: 'EQ', value: String(c.sameMs.ms) },
        { propertyName: 'hs_object_id', operator: 'GT', value: c.sameMs.afterId },
      ]
    : [{ propertyName: modified, operator: c.exclusive ? 'GT' : 'GTE', value: String(c.since) }];
  const res = await api.request({
    method: 'POST',
    path: `/crm/v3/objects/${type}/search`,
    kind: 'search',
    label: type,
    body: {
      filterGroups: [{ filters }],
      sorts: [{ propertyName: c.sameMs ? 'hs_object_id' : modified, direction: 'ASCENDING' }],
      properties: [...new Set([...(input.properties ?? []), modified, 'hs_object_id'])],
      limit,
      after: c.sameMs ? '0' : String(c.after),
    },
  });
  const body = parseEnvelope(res, Body, `search ${type}`);
  const parsed = parseItems(
    body.results,
    WireObject,
    (w) => toHubSpotObject(type, w),
    type,
    options.log,
  );
  let malformed = parsed.malformed;
  const valid: { item: HubSpotObject; ms: number }[] = [];
  for (const item of parsed.items) {
    const ms = toMs(item.properties[modified]);
    if (ms === undefined) {
      malformed++;
      options.log?.('warn', 'hubspot_malformed_item', {
        what: type,
        id: item.id,
        issues: [`properties.${modified}: not a timestamp`],
      });
    } else valid.push({ item, ms });
  }
  const skip = new Set(c.skip);
  const atStart = c.sameMs ? c.sameMs.ms : c.since;
  const items = valid
    .filter(({ item, ms }) => !(ms === atStart && skip.has(item.id)))
    .map(({ item }) => item);
  const more = body.paging?.next !== undefined;
  const page = (next: SearchCursor | undefined): SearchPage => ({
    items,
    malformed,
    total: body.total,
    ...(next === undefined ? {} : { next }),
  });

  if (c.sameMs) {
    const ids = valid.map(({ item }) => item.id);
    if (more && ids.length > 0) {
      const lastId = ids.reduce((a, b) => (numericGreater(b, a) ? b : a));
      return page({ ...c, sameMs: { ms: c.sameMs.ms, afterId: lastId } });
    }
    // That ms is done: continue strictly after it.
    return page({ ...searchFrom(c.sameMs.ms), exclusive: true });
  }

  let tailMs = c.tailMs;
  let tailSet = new Set(c.tail);
  for (const { item, ms } of valid) {
    if (tailMs === null || ms > tailMs) {
      tailMs = ms;
      tailSet = new Set([item.id]);
    } else if (ms === tailMs) tailSet.add(item.id);
  }
  const tail = [...tailSet];
  if (!more || body.results.length === 0) return page(undefined);
  const nextAfter = c.after + body.results.length;
  if (nextAfter < SEARCH_CAP) return page({ ...c, after: nextAfter, tailMs, tail });
  if (tailMs !== null && tailMs > c.since)
    return page({
      since: tailMs,
      exclusive: false,
      after: 0,
      skip: tail,
      tailMs,
      tail,
      sameMs: null,
    });
  // A whole window without moving past `since`: more than 10,000 records share that ms.
  return page({
    ...searchFrom(c.since),
    skip: [...new Set([...c.skip, ...tail])],
    sameMs: { ms: c.since, afterId: '0' },
  });
}

/** Ids are decimal strings: compare them as numbers without precision loss. */
const numericGreater = (a: string, b: string): boolean =>
  a.length !== b.length ? a.length > b.length : a > b;
