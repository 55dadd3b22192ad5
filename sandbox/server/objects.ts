// CRM objects v3: list, get, create, update, archive (HUBSPOT.md §5). Batch endpoints: batch.ts.

import { Router, type Request, type Response } from 'express';
import {
  archiveRecord,
  createRecord,
  ENGAGEMENT_TYPES,
  resolveId,
  updateRecord,
  type CrmRecord,
  type ObjectType,
  type Portal,
} from '../portal.js';
import type { Deps } from './deps.js';
import { badRequest, notFound, send, sendJsonBytes } from './errors.js';
import { objectScope } from './middleware/scopes.js';
import { lowerBound } from './ordered-ids.js';
import {
  isObjectType,
  parseObjectType,
  queryList,
  queryValue,
  text,
  shapeRecord,
  type ShapeOptions,
} from './serialize.js';
import { applyAssociations, derivedProperties, parseAssociations } from './object-writes.js';
import { validateProperties } from './writes.js';

export const MAX_LIST_LIMIT = 100;
export const MAX_HISTORY_LIMIT = 50;

/** The `:objectType` parameter, or a 400 already sent. */
export function objectTypeParam(req: Request, res: Response): ObjectType | undefined {
  const raw = String(req.params['objectType'] ?? '');
  const t = parseObjectType(raw);
  if (!t) badRequest(res, `Unable to infer object type from: ${raw}`, 'objectType');
  return t;
}

export const readScope = (req: Request): readonly string[] => {
  const t = parseObjectType(String(req.params['objectType'] ?? ''));
  return t ? [objectScope(t, 'read')] : [];
};
export const writeScope = (req: Request): readonly string[] => {
  const t = parseObjectType(String(req.params['objectType'] ?? ''));
  return t ? [objectScope(t, 'write')] : [];
};

/** A request's parsed query string: express 5 re-parses the URL on every `req.query` read. */
type Query = Request['query'];

/** properties / propertiesWithHistory / associations from a query; a 400 sent on bad input. */
export function shapeFromQuery(q: Query, res: Response): ShapeOptions | undefined {
  const associations: ObjectType[] = [];
  for (const a of queryList(q['associations'])) {
    const t = parseObjectType(a);
    if (!t) {
      badRequest(res, `associations: unknown object type "${a}"`, 'associations');
      return undefined;
    }
    associations.push(t);
  }
  return {
    properties: q['properties'] === undefined ? undefined : queryList(q['properties']),
    withHistory: queryList(q['propertiesWithHistory']),
    associations,
  };
}

const flag = (v: unknown): boolean => text(v).toLowerCase() === 'true';

function list(deps: Deps, req: Request, res: Response): void {
  const type = objectTypeParam(req, res);
  if (!type) return;
  const q = req.query;
  const shape = shapeFromQuery(q, res);
  if (!shape) return;
  const limitRaw = q['limit'];
  const limit = limitRaw === undefined ? 10 : Number(limitRaw);
  const cap = shape.withHistory.length > 0 ? MAX_HISTORY_LIMIT : MAX_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > cap) {
    badRequest(
      res,
      `limit: must be an integer between 1 and ${cap}, got ${text(limitRaw)}`,
      'limit',
    );
    return;
  }
  const afterRaw = q['after'];
  const after = afterRaw === undefined ? 0 : Number(afterRaw);
  if (!Number.isFinite(after)) {
    badRequest(res, `after: not a valid paging cursor: ${text(afterRaw)}`, 'after');
    return;
  }
  const archived = flag(q['archived']);
  const shapeKey = deps.records.shapeKey(type, shape);
  const pageKey = `${type}|${String(archived)}|${String(after)}|${String(limit)}|${shapeKey}`;
  const cached = deps.pages.get(pageKey);
  if (cached) {
    sendJsonBytes(res, 200, cached);
    return;
  }
  const records = deps.ctx.config.portal.objects[type];
  const { ids, numbers } = deps.idOrder(type);
  const parts: string[] = [];
  let i = lowerBound(numbers, after);
  for (; i < ids.length && parts.length < limit; i++) {
    const record = records.get(ids[i] ?? '');
    if (!record || record.archived !== archived) continue;
    parts.push(deps.records.json(type, record, shape, shapeKey));
  }
  // Skip to the next visible record so `paging` is absent exactly on the last page.
  while (i < ids.length && records.get(ids[i] ?? '')?.archived !== archived) i++;
  const next = ids[i];
  const paging =
    next === undefined
      ? ''
      : `,"paging":${JSON.stringify({ next: { after: next, link: `?after=${next}` } })}`;
  // Encoded once: re-reads of the page go to the socket without measuring or re-encoding it.
  const page = Buffer.from(`{"results":[${parts.join(',')}]${paging}}`);
  deps.pages.set(pageKey, page);
  sendJsonBytes(res, 200, page);
}

/** Finds a record by id (through merges) or by a unique `idProperty`. */
export function findRecord(
  portal: Portal,
  type: ObjectType,
  id: string,
  idProperty: string | undefined,
): CrmRecord | undefined {
  if (idProperty === undefined || idProperty === 'hs_object_id') return resolveId(portal, type, id);
  for (const r of portal.objects[type].values())
    if (!r.archived && r.properties[idProperty]?.toLowerCase() === id.toLowerCase()) return r;
  return undefined;
}

function getOne(deps: Deps, req: Request, res: Response): void {
  const type = objectTypeParam(req, res);
  if (!type) return;
  const q = req.query;
  const shape = shapeFromQuery(q, res);
  if (!shape) return;
  const id = String(req.params['objectId']);
  const portal = deps.ctx.config.portal;
  const record = findRecord(portal, type, id, queryValue(q['idProperty']));
  if (!record || record.archived !== flag(q['archived'])) {
    notFound(res, id);
    return;
  }
  send(res, 200, shapeRecord(portal, type, record, shape));
}

function create(deps: Deps, req: Request, res: Response): void {
  const type = objectTypeParam(req, res);
  if (!type) return;
  const portal = deps.ctx.config.portal;
  const body = (req.body ?? {}) as { properties?: unknown; associations?: unknown };
  const values = validateProperties(portal, type, body.properties ?? {});
  if (!values.ok) {
    badRequest(res, values.message);
    return;
  }
  if ((ENGAGEMENT_TYPES as readonly string[]).includes(type) && !values.value['hs_timestamp']) {
    badRequest(res, 'properties.hs_timestamp: required for engagements', 'hs_timestamp');
    return;
  }
  const links = parseAssociations(portal, type, body.associations);
  if (!links.ok) {
    badRequest(res, links.message, 'associations');
    return;
  }
  const values2 = { ...values.value, ...derivedProperties(portal, type, values.value) };
  const record = createRecord(portal, type, values2, portal.now);
  applyAssociations(portal, type, record.id, links.value);
  send(
    res,
    201,
    shapeRecord(portal, type, record, {
      properties: Object.keys(values.value),
      withHistory: [],
      associations: [],
    }),
  );
}

function update(deps: Deps, req: Request, res: Response): void {
  const type = objectTypeParam(req, res);
  if (!type) return;
  const portal = deps.ctx.config.portal;
  const body = (req.body ?? {}) as { properties?: unknown };
  if (body.properties === undefined) {
    badRequest(res, 'properties: required', 'properties');
    return;
  }
  const id = String(req.params['objectId']);
  const record = resolveId(portal, type, id);
  if (!record || record.archived) {
    notFound(res, id);
    return;
  }
  const values = validateProperties(portal, type, body.properties);
  if (!values.ok) {
    badRequest(res, values.message);
    return;
  }
  updateRecord(portal, type, record, {
    ...values.value,
    ...derivedProperties(portal, type, values.value),
  });
  send(
    res,
    200,
    shapeRecord(portal, type, record, {
      properties: Object.keys(values.value),
      withHistory: [],
      associations: [],
    }),
  );
}

function archive(deps: Deps, req: Request, res: Response): void {
  const type = objectTypeParam(req, res);
  if (!type) return;
  const portal = deps.ctx.config.portal;
  const record = resolveId(portal, type, String(req.params['objectId']));
  // HubSpot answers 204 whether or not the record existed.
  if (record) archiveRecord(portal, type, record);
  res.status(204).end();
}

export function objectRoutes(deps: Deps): Router {
  const r = Router();
  const { api } = deps.guards;
  const base = '/crm/v3/objects/:objectType';
  r.get(base, ...api(readScope), (req, res) => {
    list(deps, req, res);
  });
  r.post(base, ...api(writeScope), (req, res) => {
    create(deps, req, res);
  });
  r.get(`${base}/:objectId`, ...api(readScope), (req, res) => {
    getOne(deps, req, res);
  });
  r.patch(`${base}/:objectId`, ...api(writeScope), (req, res) => {
    update(deps, req, res);
  });
  r.delete(`${base}/:objectId`, ...api(writeScope), (req, res) => {
    archive(deps, req, res);
  });
  return r;
}

export { isObjectType };
