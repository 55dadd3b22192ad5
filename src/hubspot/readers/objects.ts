// CRM object reads (hubspot-behavior.md #4, #5): one list page (`GET /crm/v3/objects/{type}`),
// batch reads by id (`POST …/batch/read`, 200 or 207 when some ids are missing), split into calls of
// at most 100 ids (50 with histories, where HubSpot lowers the cap), and one record by id with its
// histories and associations inline (`GET …/{id}`: a webhook's targeted refresh in one call).

import { z } from 'zod';
import { HubSpotError, type HubSpotApi } from '../api.js';
import { CRM_OBJECT_TYPES, type CrmObjectType, type HubSpotObject, type Page } from '../types.js';
import {
  check,
  nextAfter,
  Paging,
  parseEnvelope,
  parseItems,
  toHubSpotObject,
  WireObject,
  type ReadOptions,
} from './wire.js';

export const PAGE_LIMIT = 100;
export const HISTORY_PAGE_LIMIT = 50;

const Names = z.array(z.string().min(1)).readonly();

const ListInput = z
  .object({
    type: z.enum(CRM_OBJECT_TYPES),
    properties: Names.optional(),
    propertiesWithHistory: Names.optional(),
    associations: z.array(z.enum(CRM_OBJECT_TYPES)).readonly().optional(),
    archived: z.boolean().optional(),
    limit: z.int().min(1).optional(),
    after: z.string().min(1).optional(),
  })
  .refine(
    (o) =>
      o.limit === undefined ||
      o.limit <= ((o.propertiesWithHistory?.length ?? 0) > 0 ? HISTORY_PAGE_LIMIT : PAGE_LIMIT),
    {
      path: ['limit'],
      error: `at most ${PAGE_LIMIT}, or ${HISTORY_PAGE_LIMIT} with propertiesWithHistory`,
    },
  );

export interface ListOptions extends ReadOptions {
  readonly properties?: readonly string[];
  readonly propertiesWithHistory?: readonly string[];
  readonly associations?: readonly CrmObjectType[];
  readonly archived?: boolean;
  /** Default: the largest page HubSpot allows for these options. */
  readonly limit?: number;
  readonly after?: string | undefined;
}

const ListBody = z.object({ results: z.array(z.unknown()), paging: Paging });

export async function listObjects(
  api: HubSpotApi,
  type: CrmObjectType,
  options: ListOptions = {},
): Promise<Page<HubSpotObject>> {
  const o = check(ListInput, { ...options, type, log: undefined }, 'listObjects');
  const withHistory = (o.propertiesWithHistory?.length ?? 0) > 0;
  const res = await api.request({
    method: 'GET',
    path: `/crm/v3/objects/${type}`,
    query: {
      limit: o.limit ?? (withHistory ? HISTORY_PAGE_LIMIT : PAGE_LIMIT),
      after: o.after,
      properties: o.properties,
      propertiesWithHistory: withHistory ? o.propertiesWithHistory : undefined,
      associations: (o.associations?.length ?? 0) > 0 ? o.associations : undefined,
      archived: o.archived ?? false,
    },
    label: type,
  });
  const body = parseEnvelope(res, ListBody, `list ${type}`);
  const parsed = parseItems(
    body.results,
    WireObject,
    (w) => toHubSpotObject(type, w),
    type,
    options.log,
  );
  const next = nextAfter(body.paging);
  return {
    items: parsed.items,
    malformed: parsed.malformed,
    ...(next === undefined ? {} : { next }),
  };
}

const BatchInput = z.object({
  type: z.enum(CRM_OBJECT_TYPES),
  ids: z.array(z.string().regex(/^\d+$/, 'must be a numeric id')).readonly(),
  properties: Names.optional(),
  propertiesWithHistory: Names.optional(),
});

export interface BatchReadOptions extends ReadOptions {
  readonly properties?: readonly string[];
  readonly propertiesWithHistory?: readonly string[];
}

export interface BatchReadResult {
  readonly items: readonly HubSpotObject[];
  /** Requested ids HubSpot did not return (deleted, archived or merged away). */
  readonly missing: readonly string[];
  readonly malformed: number;
}

const BatchBody = z.object({ results: z.array(z.unknown()) });

async function readChunk(
  api: HubSpotApi,
  type: CrmObjectType,
  ids: readonly string[],
  o: BatchReadOptions,
): Promise<{ items: HubSpotObject[]; malformed: number; malformedIds: string[] }> {
  const res = await api.request({
    method: 'POST',
    path: `/crm/v3/objects/${type}/batch/read`,
    body: {
      inputs: ids.map((id) => ({ id })),
      properties: o.properties ?? [],
      propertiesWithHistory: o.propertiesWithHistory ?? [],
    },
    // 207: some ids were not found (listed in errors[].context.ids); the rest are in results.
    expect: [200, 207],
    label: type,
  });
  const body = parseEnvelope(res, BatchBody, `batch read ${type}`);
  return parseItems(body.results, WireObject, (w) => toHubSpotObject(type, w), type, o.log);
}

export async function batchReadObjects(
  api: HubSpotApi,
  type: CrmObjectType,
  ids: readonly string[],
  options: BatchReadOptions = {},
): Promise<BatchReadResult> {
  check(BatchInput, { ...options, type, ids, log: undefined }, 'batchReadObjects');
  const size = (options.propertiesWithHistory?.length ?? 0) > 0 ? HISTORY_PAGE_LIMIT : PAGE_LIMIT;
  const wanted = [...new Set(ids)];
  const found = new Map<string, HubSpotObject>();
  const malformedIds = new Set<string>();
  let malformed = 0;
  const absent = () => wanted.filter((id) => !found.has(id) && !malformedIds.has(id));
  const readAll = async (list: readonly string[]) => {
    for (let i = 0; i < list.length; i += size) {
      const chunk = await readChunk(api, type, list.slice(i, i + size), options);
      for (const item of chunk.items) found.set(item.id, item);
      for (const id of chunk.malformedIds) malformedIds.add(id);
      malformed += chunk.malformed;
    }
  };
  await readAll(wanted);
  // A 207 sometimes reports found records as missing; one more read tells a transient miss
  // from a record that is really gone.
  const retry = absent();
  if (retry.length > 0) await readAll(retry);
  return { items: [...found.values()], missing: absent(), malformed };
}

const GetInput = z.object({
  type: z.enum(CRM_OBJECT_TYPES),
  id: z.string().regex(/^\d+$/, 'must be a numeric id'),
  properties: Names.optional(),
  propertiesWithHistory: Names.optional(),
  associations: z.array(z.enum(CRM_OBJECT_TYPES)).readonly().optional(),
});

export interface GetOptions extends ReadOptions {
  readonly properties?: readonly string[];
  readonly propertiesWithHistory?: readonly string[];
  readonly associations?: readonly CrmObjectType[];
}

/**
 * One record, with its histories and (first page of) associations inline: undefined when HubSpot
 * has no live record of that id (deleted, or merged away: 404). An association list HubSpot pages
 * comes back `truncated`, for the caller to read through v4 (hubspot-behavior.md #32).
 */
export async function getObject(
  api: HubSpotApi,
  type: CrmObjectType,
  id: string,
  options: GetOptions = {},
): Promise<HubSpotObject | undefined> {
  const o = check(GetInput, { ...options, type, id, log: undefined }, 'getObject');
  const res = await api.request({
    method: 'GET',
    path: `/crm/v3/objects/${type}/${id}`,
    query: {
      properties: o.properties,
      propertiesWithHistory:
        (o.propertiesWithHistory?.length ?? 0) > 0 ? o.propertiesWithHistory : undefined,
      associations: (o.associations?.length ?? 0) > 0 ? o.associations : undefined,
    },
    expect: [200, 404],
    label: type,
  });
  if (res.status === 404) return undefined;
  const parsed = parseItems(
    [res.body],
    WireObject,
    (w) => toHubSpotObject(type, w),
    type,
    options.log,
  );
  const item = parsed.items[0];
  if (item === undefined)
    throw new HubSpotError('malformed_response', `get ${type} ${id}: not a CRM object`, {
      status: res.status,
      body: res.body,
    });
  return item;
}
