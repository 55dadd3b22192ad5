// Associations v4 (HUBSPOT.md §5): batch read with per-result paging (100 per page) and 207 +
// NO_ASSOCIATIONS_FOUND for ids without associations; single-record list (≤ 500); PUT create.

import { Router, type Request, type Response } from 'express';
import {
  associate,
  associationsOf,
  OBJECT_TYPE_IDS,
  resolveId,
  SINGULAR,
  type ObjectType,
  type Portal,
} from '../portal.js';
import { isPrimaryTypeId, reverseTypeId, validTypeIds } from './association-types.js';
import type { Deps } from './deps.js';
import { badRequest, notFound, send } from './errors.js';
import { objectScope } from './middleware/scopes.js';
import { associationCursor as cursor, parseObjectType, text } from './serialize.js';

export const V4_BATCH_MAX = 100;
export const V4_PAGE = 100;
export const V4_SINGLE_MAX = 500;

const fromCursor = (after: unknown): number =>
  after === undefined || after === null || after === ''
    ? 0
    : Number(Buffer.from(text(after), 'base64url').toString());

function typesParam(
  req: Request,
  res: Response,
  a: string,
  b: string,
): [ObjectType, ObjectType] | undefined {
  const from = parseObjectType(String(req.params[a] ?? ''));
  const to = parseObjectType(String(req.params[b] ?? ''));
  if (!from || !to) {
    badRequest(
      res,
      `Unable to infer object type from: ${String(req.params[from ? b : a])}`,
      from ? b : a,
    );
    return undefined;
  }
  return [from, to];
}

function page(
  portal: Portal,
  from: ObjectType,
  id: string,
  to: ObjectType,
  after: unknown,
  size: number,
) {
  const all = associationsOf(portal, from, id, to);
  const min = fromCursor(after);
  const start = all.findIndex((a) => Number(a.toId) >= min);
  const slice = start < 0 ? [] : all.slice(start, start + size);
  const next = start < 0 ? undefined : all[start + size];
  return {
    total: all.length,
    results: slice.map((a) => ({
      toObjectId: Number(a.toId),
      associationTypes: a.typeIds.map((typeId) => ({
        category: 'HUBSPOT_DEFINED',
        typeId,
        label: isPrimaryTypeId(from, to, typeId) ? 'Primary' : null,
      })),
    })),
    ...(next
      ? { paging: { next: { after: cursor(next.toId), link: `?after=${cursor(next.toId)}` } } }
      : {}),
  };
}

function batchRead(deps: Deps, req: Request, res: Response): void {
  const startedAt = new Date().toISOString();
  const types = typesParam(req, res, 'fromObjectType', 'toObjectType');
  if (!types) return;
  const [from, to] = types;
  const inputs = (req.body as { inputs?: unknown } | undefined)?.inputs;
  if (!Array.isArray(inputs)) {
    badRequest(res, 'inputs: required, an array of { id, after? }', 'inputs');
    return;
  }
  if (inputs.length > V4_BATCH_MAX) {
    badRequest(res, `inputs: at most ${V4_BATCH_MAX} per batch, got ${inputs.length}`, 'inputs');
    return;
  }
  const portal = deps.ctx.config.portal;
  const results: unknown[] = [];
  const errors: unknown[] = [];
  for (const input of inputs as { id?: unknown; after?: unknown }[]) {
    const id = String(input.id);
    const record = resolveId(portal, from, id);
    const p = record ? page(portal, from, record.id, to, input.after, V4_PAGE) : undefined;
    if (!p || p.total === 0) {
      errors.push({
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
        message: `No ${SINGULAR[to]} is associated with ${SINGULAR[from]} ${id}.`,
        context: {
          fromObjectId: [id],
          fromObjectType: [SINGULAR[from]],
          toObjectType: [SINGULAR[to]],
        },
      });
      continue;
    }
    results.push({
      from: { id },
      to: p.results,
      ...('paging' in p ? { paging: p.paging } : {}),
    });
  }
  send(res, errors.length > 0 ? 207 : 200, {
    status: 'COMPLETE',
    results,
    ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
    startedAt,
    completedAt: new Date().toISOString(),
  });
}

function list(deps: Deps, req: Request, res: Response): void {
  const types = typesParam(req, res, 'objectType', 'toObjectType');
  if (!types) return;
  const [from, to] = types;
  const limit = req.query['limit'] === undefined ? V4_SINGLE_MAX : Number(req.query['limit']);
  if (!Number.isInteger(limit) || limit < 1 || limit > V4_SINGLE_MAX) {
    badRequest(res, `limit: must be an integer between 1 and ${V4_SINGLE_MAX}`, 'limit');
    return;
  }
  const portal = deps.ctx.config.portal;
  const id = String(req.params['objectId']);
  const record = resolveId(portal, from, id);
  if (!record || record.archived) {
    notFound(res, id);
    return;
  }
  const p = page(portal, from, record.id, to, req.query['after'], limit);
  send(res, 200, { results: p.results, ...('paging' in p ? { paging: p.paging } : {}) });
}

function create(deps: Deps, req: Request, res: Response): void {
  const types = typesParam(req, res, 'objectType', 'toObjectType');
  if (!types) return;
  const [from, to] = types;
  const portal = deps.ctx.config.portal;
  const a = resolveId(portal, from, String(req.params['objectId']));
  const b = resolveId(portal, to, String(req.params['toObjectId']));
  if (!a || a.archived || !b || b.archived) {
    notFound(res, String(!a || a.archived ? req.params['objectId'] : req.params['toObjectId']));
    return;
  }
  const specs = req.body as unknown;
  if (!Array.isArray(specs) || specs.length === 0) {
    badRequest(
      res,
      'body: required, an array of { associationCategory, associationTypeId }',
      'body',
    );
    return;
  }
  const valid = validTypeIds(from, to);
  const ids: number[] = [];
  for (const [i, s] of (
    specs as { associationCategory?: unknown; associationTypeId?: unknown }[]
  ).entries()) {
    const id = Number(s.associationTypeId);
    if (s.associationCategory !== 'HUBSPOT_DEFINED' || !valid.includes(id)) {
      badRequest(
        res,
        `body[${i}]: ${String(s.associationCategory)} ${String(s.associationTypeId)} is not valid between ${from} and ${to}`,
        'associationTypeId',
      );
      return;
    }
    ids.push(id);
  }
  associate(
    portal,
    { type: from, id: a.id },
    { type: to, id: b.id },
    {
      forward: ids,
      reverse: ids.flatMap((t) => reverseTypeId(from, to, t)),
    },
  );
  send(res, 201, {
    fromObjectTypeId: OBJECT_TYPE_IDS[from],
    fromObjectId: Number(a.id),
    toObjectTypeId: OBJECT_TYPE_IDS[to],
    toObjectId: Number(b.id),
    labels: ids.filter((t) => isPrimaryTypeId(from, to, t)).map(() => 'Primary'),
  });
}

export function associationRoutes(deps: Deps): Router {
  const r = Router();
  const { api } = deps.guards;
  const scope = (param: string, access: 'read' | 'write') => (req: Request) => {
    const t = parseObjectType(String(req.params[param] ?? ''));
    return t ? [objectScope(t, access)] : [];
  };
  r.post(
    '/crm/v4/associations/:fromObjectType/:toObjectType/batch/read',
    ...api(scope('fromObjectType', 'read')),
    (req, res) => {
      batchRead(deps, req, res);
    },
  );
  const single = '/crm/v4/objects/:objectType/:objectId/associations/:toObjectType';
  r.get(single, ...api(scope('objectType', 'read')), (req, res) => {
    list(deps, req, res);
  });
  r.put(`${single}/:toObjectId`, ...api(scope('objectType', 'write')), (req, res) => {
    create(deps, req, res);
  });
  return r;
}
