// CRM search (HUBSPOT.md §5): POST /crm/v3/objects/{t}/search. Offset paging capped at 10,000,
// limit ≤ 200, ≤ 5 groups × 6 filters (18 total), one sort, 5 requests/s per portal (search.ts
// uses the search limiter: no rate-limit headers). The matching, sorted id list of a query is
// cached until the portal changes, so paging a large result costs one scan, not one per page.

import { Router, type Request, type Response } from 'express';
import { type ObjectType, type Portal } from '../portal.js';
import type { Deps } from './deps.js';
import { badRequest, sendJsonText } from './errors.js';
import { objectTypeParam, readScope } from './objects.js';
import { matches, OPERATORS, sortKey, type Filter, type Operator } from './search-filter.js';
import { text } from './serialize.js';

export const SEARCH_MAX_LIMIT = 200;
export const SEARCH_MAX_RESULTS = 10_000;
export const LIMITS = {
  groups: 5,
  filtersPerGroup: 6,
  filtersTotal: 18,
  sorts: 1,
  bodyChars: 3000,
};

interface Query {
  readonly groups: Filter[][];
  readonly sort: { propertyName: string; descending: boolean } | undefined;
  readonly text: string | undefined;
  readonly properties: string[] | undefined;
  readonly limit: number;
  readonly after: number;
}

type Parsed = { ok: true; query: Query } | { ok: false; message: string; field: string };
const fail = (field: string, message: string): Parsed => ({ ok: false, field, message });

function parseFilter(raw: unknown, where: string): Filter | string {
  const f = raw as Record<string, unknown> | null;
  if (typeof f?.['propertyName'] !== 'string') return `${where}.propertyName: required`;
  const op = f['operator'] ?? 'EQ';
  if (!(OPERATORS as readonly unknown[]).includes(op))
    return `${where}.operator: must be one of ${OPERATORS.join(', ')}, got ${JSON.stringify(op)}`;
  const operator = op as Operator;
  const value = f['value'] === undefined ? undefined : text(f['value']);
  const highValue = f['highValue'] === undefined ? undefined : text(f['highValue']);
  const values = Array.isArray(f['values']) ? (f['values'] as unknown[]).map(String) : undefined;
  if (['IN', 'NOT_IN'].includes(operator) && values === undefined)
    return `${where}.values: required for ${operator}`;
  if (
    !['IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY'].includes(operator) &&
    value === undefined
  )
    return `${where}.value: required for ${operator}`;
  if (operator === 'BETWEEN' && highValue === undefined)
    return `${where}.highValue: required for BETWEEN`;
  return {
    propertyName: f['propertyName'],
    operator,
    ...(value === undefined ? {} : { value }),
    ...(highValue === undefined ? {} : { highValue }),
    ...(values === undefined ? {} : { values }),
  };
}

function parseQuery(body: unknown): Parsed {
  const b = (body ?? {}) as Record<string, unknown>;
  if (JSON.stringify(b).length > LIMITS.bodyChars)
    return fail('body', `request body: at most ${LIMITS.bodyChars} characters`);
  const rawGroups = b['filterGroups'] ?? [];
  if (!Array.isArray(rawGroups)) return fail('filterGroups', 'filterGroups: must be an array');
  if (rawGroups.length > LIMITS.groups)
    return fail(
      'filterGroups',
      `filterGroups: at most ${LIMITS.groups} groups, got ${rawGroups.length}`,
    );
  const groups: Filter[][] = [];
  let total = 0;
  for (const [gi, g] of (rawGroups as unknown[]).entries()) {
    const filters = (g as { filters?: unknown } | null)?.filters;
    if (!Array.isArray(filters))
      return fail('filterGroups', `filterGroups[${gi}].filters: must be an array`);
    if (filters.length > LIMITS.filtersPerGroup)
      return fail(
        'filterGroups',
        `filterGroups[${gi}].filters: at most ${LIMITS.filtersPerGroup} filters per group`,
      );
    total += filters.length;
    const parsed: Filter[] = [];
    for (const [fi, f] of (filters as unknown[]).entries()) {
      const r = parseFilter(f, `filterGroups[${gi}].filters[${fi}]`);
      if (typeof r === 'string') return fail('filterGroups', r);
      parsed.push(r);
    }
    groups.push(parsed);
  }
  if (total > LIMITS.filtersTotal)
    return fail(
      'filterGroups',
      `filterGroups: at most ${LIMITS.filtersTotal} filters in total, got ${total}`,
    );
  const rawSorts = b['sorts'] ?? [];
  if (!Array.isArray(rawSorts)) return fail('sorts', 'sorts: must be an array');
  if (rawSorts.length > LIMITS.sorts) return fail('sorts', `sorts: at most ${LIMITS.sorts} sort`);
  let sort: Query['sort'];
  const s0: unknown = rawSorts[0];
  if (typeof s0 === 'string')
    sort = { propertyName: s0.replace(/^-/, ''), descending: s0.startsWith('-') };
  else if (s0 !== undefined) {
    const s = s0 as { propertyName?: unknown; direction?: unknown };
    if (typeof s.propertyName !== 'string') return fail('sorts', 'sorts[0].propertyName: required');
    if (s.direction !== undefined && s.direction !== 'ASCENDING' && s.direction !== 'DESCENDING')
      return fail('sorts', 'sorts[0].direction: must be ASCENDING or DESCENDING');
    sort = { propertyName: s.propertyName, descending: s.direction === 'DESCENDING' };
  }
  const limit = b['limit'] === undefined ? 10 : Number(b['limit']);
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_LIMIT)
    return fail('limit', `limit: must be an integer between 1 and ${SEARCH_MAX_LIMIT}`);
  const after =
    b['after'] === undefined || b['after'] === null || b['after'] === '' ? 0 : Number(b['after']);
  if (!Number.isInteger(after) || after < 0)
    return fail('after', 'after: must be a non-negative integer offset');
  if (after >= SEARCH_MAX_RESULTS)
    return fail(
      'after',
      `after: paging past ${SEARCH_MAX_RESULTS} results is not supported; narrow the filters`,
    );
  const props = b['properties'];
  if (props !== undefined && !(Array.isArray(props) && props.every((p) => typeof p === 'string')))
    return fail('properties', 'properties: must be an array of property names');
  return {
    ok: true,
    query: {
      groups,
      sort,
      text:
        typeof b['query'] === 'string' && b['query'] !== '' ? b['query'].toLowerCase() : undefined,
      properties: props,
      limit,
      after,
    },
  };
}

const TEXT_PROPERTIES: Partial<Record<ObjectType, string[]>> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'company'],
  companies: ['name', 'domain', 'website'],
  deals: ['dealname'],
};

function run(portal: Portal, deps: Deps, type: ObjectType, q: Query): string[] {
  const defs = portal.properties[type];
  const textProps = TEXT_PROPERTIES[type] ?? [];
  const hits: string[] = [];
  for (const id of deps.idOrder(type).ids) {
    const r = portal.objects[type].get(id);
    if (!r || r.archived) continue;
    if (
      q.groups.length > 0 &&
      !q.groups.some((g) => g.every((f) => matches(r, f, defs.get(f.propertyName))))
    )
      continue;
    if (
      q.text !== undefined &&
      !textProps.some((p) => r.properties[p]?.toLowerCase().includes(q.text ?? ''))
    )
      continue;
    hits.push(id);
  }
  const sort = q.sort;
  if (sort) {
    const def = defs.get(sort.propertyName);
    const objects = portal.objects[type];
    const keyed = hits.map((id) => {
      const raw =
        sort.propertyName === 'hs_object_id' ? id : objects.get(id)?.properties[sort.propertyName];
      return { id, key: raw === undefined || raw === null ? undefined : sortKey(def, raw) };
    });
    keyed.sort((a, b) => {
      // Missing values sort last in both directions; ties break on id for stable paging.
      if (a.key === undefined || b.key === undefined)
        return a.key === b.key ? Number(a.id) - Number(b.id) : a.key === undefined ? 1 : -1;
      const c = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return (sort.descending ? -c : c) || Number(a.id) - Number(b.id);
    });
    return keyed.map((k) => k.id);
  }
  return hits;
}

export function searchRoutes(deps: Deps): Router {
  const r = Router();
  const portal = deps.ctx.config.portal;
  let version = 0;
  portal.listeners.push(() => {
    version++;
  });
  const cache = new Map<string, { version: number; ids: string[] }>();
  const handler = (req: Request, res: Response): void => {
    const type = objectTypeParam(req, res);
    if (!type) return;
    const parsed = parseQuery(req.body);
    if (!parsed.ok) {
      badRequest(res, parsed.message, parsed.field);
      return;
    }
    const q = parsed.query;
    const key = JSON.stringify([type, q.groups, q.sort, q.text]);
    let entry = cache.get(key);
    if (entry?.version !== version) {
      entry = { version, ids: run(portal, deps, type, q) };
      cache.delete(key);
      cache.set(key, entry);
      if (cache.size > 64) cache.delete(cache.keys().next().value ?? '');
    }
    const end = Math.min(q.after + q.limit, entry.ids.length);
    const shape = { properties: q.properties, withHistory: [], associations: [] };
    const shapeKey = deps.records.shapeKey(type, shape);
    const parts = entry.ids.slice(q.after, end).flatMap((id) => {
      const rec = portal.objects[type].get(id);
      return rec ? [deps.records.json(type, rec, shape, shapeKey)] : [];
    });
    const paging =
      end < entry.ids.length
        ? `,"paging":${JSON.stringify({ next: { after: String(end), link: `?after=${end}` } })}`
        : '';
    sendJsonText(res, 200, `{"total":${entry.ids.length},"results":[${parts.join(',')}]${paging}}`);
  };
  r.post(
    '/crm/v3/objects/:objectType/search',
    ...deps.guards.api(readScope, { search: true }),
    handler,
  );
  return r;
}
