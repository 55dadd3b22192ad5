// CRM objects v3 batch endpoints (HUBSPOT.md §5): read (200, or 207 with OBJECT_NOT_FOUND errors),
// create (201), update (200/207), upsert by a unique property (200), archive (204). ≤100 inputs; `properties` arrays are required.
// Fault injection hooks in here: partial 207s and records that vanish before the read.

import { Router, type Request, type Response } from 'express';
import {
  archiveRecord,
  createRecord,
  resolveId,
  SINGULAR,
  updateRecord,
  type CrmRecord,
} from '../portal.js';
import type { Deps } from './deps.js';
import { badRequest, send } from './errors.js';
import { applyAssociations, derivedProperties, parseAssociations } from './object-writes.js';
import { findRecord, objectTypeParam, readScope, writeScope } from './objects.js';
import { queryValue, shapeRecord, text } from './serialize.js';
import { validateProperties } from './writes.js';

export const MAX_BATCH = 100;

type Input = Record<string, unknown>;

/** `inputs` as an array of objects of 1..100 items, or a 400 sent. */
function inputsOf(req: Request, res: Response): Input[] | undefined {
  const inputs = (req.body as { inputs?: unknown } | undefined)?.inputs;
  if (!Array.isArray(inputs) || inputs.some((i) => typeof i !== 'object' || i === null)) {
    badRequest(res, 'inputs: required, an array of objects', 'inputs');
    return undefined;
  }
  if (inputs.length > MAX_BATCH) {
    badRequest(res, `inputs: at most ${MAX_BATCH} per batch, got ${inputs.length}`, 'inputs');
    return undefined;
  }
  return inputs as Input[];
}

const stringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

function timed(results: unknown[], errors: unknown[], startedAt: string): Record<string, unknown> {
  return {
    status: 'COMPLETE',
    results,
    ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
    startedAt,
    completedAt: new Date().toISOString(),
  };
}

const missing = (type: string, ids: string[]) => ({
  status: 'error',
  category: 'OBJECT_NOT_FOUND',
  message: `Could not get some ${type.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
  context: { ids },
});

function read(deps: Deps, req: Request, res: Response): void {
  const startedAt = new Date().toISOString();
  const type = objectTypeParam(req, res);
  if (!type) return;
  const inputs = inputsOf(req, res);
  if (!inputs) return;
  const body = req.body as {
    properties?: unknown;
    propertiesWithHistory?: unknown;
    idProperty?: unknown;
  };
  if (!stringArray(body.properties)) {
    badRequest(res, 'properties: required, an array of property names', 'properties');
    return;
  }
  if (body.propertiesWithHistory !== undefined && !stringArray(body.propertiesWithHistory)) {
    badRequest(
      res,
      'propertiesWithHistory: must be an array of property names',
      'propertiesWithHistory',
    );
    return;
  }
  const { ctx } = deps;
  const portal = ctx.config.portal;
  const archived = queryValue(req.query['archived']) === 'true';
  const spec = ctx.config.faults;
  const vanish = spec !== undefined && ctx.random() < spec.vanish;
  const partial = spec !== undefined && ctx.random() < spec.partial207;
  const idProperty = typeof body.idProperty === 'string' ? body.idProperty : undefined;
  const found: CrmRecord[] = [];
  const notFound: string[] = [];
  for (const input of inputs) {
    const id = text(input['id']);
    const record = findRecord(portal, type, id, idProperty);
    if (record && record.archived === archived && !found.includes(record)) found.push(record);
    else if (!record || record.archived !== archived) notFound.push(id);
  }
  if (vanish && found.length > 0) {
    // The record was deleted between the caller's list and this read: it stays gone.
    ctx.stats.faultsInjected++;
    const gone = found.splice(Math.floor(ctx.random() * found.length), 1)[0]!;
    archiveRecord(portal, type, gone);
    notFound.push(gone.id);
  }
  if (partial && found.length > 1) {
    // A transient partial failure: half the found ids reported missing; a retry succeeds.
    ctx.stats.faultsInjected++;
    notFound.push(...found.splice(0, Math.floor(found.length / 2)).map((r) => r.id));
  }
  const shape = {
    properties: body.properties,
    withHistory: body.propertiesWithHistory ?? [],
    associations: [],
  };
  const results = found.map((r) => shapeRecord(portal, type, r, shape));
  const errors = notFound.length > 0 ? [missing(SINGULAR[type], notFound)] : [];
  send(res, errors.length > 0 ? 207 : 200, timed(results, errors, startedAt));
}

function create(deps: Deps, req: Request, res: Response): void {
  const startedAt = new Date().toISOString();
  const type = objectTypeParam(req, res);
  if (!type) return;
  const inputs = inputsOf(req, res);
  if (!inputs) return;
  const portal = deps.ctx.config.portal;
  const planned = [];
  for (const [i, input] of inputs.entries()) {
    const values = validateProperties(portal, type, input['properties'] ?? {});
    if (!values.ok) {
      badRequest(res, values.message);
      return;
    }
    const links = parseAssociations(portal, type, input['associations']);
    if (!links.ok) {
      badRequest(res, `inputs[${i}].${links.message}`, 'associations');
      return;
    }
    planned.push({ values: values.value, links: links.value });
  }
  const results = planned.map(({ values, links }) => {
    const record = createRecord(portal, type, {
      ...values,
      ...derivedProperties(portal, type, values),
    });
    applyAssociations(portal, type, record.id, links);
    return shapeRecord(portal, type, record, {
      properties: Object.keys(values),
      withHistory: [],
      associations: [],
    });
  });
  send(res, 201, timed(results, [], startedAt));
}

function update(deps: Deps, req: Request, res: Response): void {
  const startedAt = new Date().toISOString();
  const type = objectTypeParam(req, res);
  if (!type) return;
  const inputs = inputsOf(req, res);
  if (!inputs) return;
  const portal = deps.ctx.config.portal;
  const planned: { record: CrmRecord; values: Record<string, string | null> }[] = [];
  const notFound: string[] = [];
  for (const [i, input] of inputs.entries()) {
    if (input['properties'] === undefined) {
      badRequest(res, `inputs[${i}].properties: required`, 'properties');
      return;
    }
    const values = validateProperties(portal, type, input['properties']);
    if (!values.ok) {
      badRequest(res, values.message);
      return;
    }
    const id = text(input['id']);
    const record = resolveId(portal, type, id);
    if (!record || record.archived) notFound.push(id);
    else planned.push({ record, values: values.value });
  }
  const results = planned.map(({ record, values }) => {
    updateRecord(portal, type, record, { ...values, ...derivedProperties(portal, type, values) });
    return shapeRecord(portal, type, record, {
      properties: Object.keys(values),
      withHistory: [],
      associations: [],
    });
  });
  const errors = notFound.length > 0 ? [missing(SINGULAR[type], notFound)] : [];
  send(res, errors.length > 0 ? 207 : 200, timed(results, errors, startedAt));
}

/**
 * Upsert by a unique property: each input's `id` is a value of its `idProperty` (matched without
 * case, like HubSpot's email); a match is updated, else a record is created with that value.
 * Results carry `new`. The whole batch is validated before anything is written.
 */
function upsert(deps: Deps, req: Request, res: Response): void {
  const startedAt = new Date().toISOString();
  const type = objectTypeParam(req, res);
  if (!type) return;
  const inputs = inputsOf(req, res);
  if (!inputs) return;
  const portal = deps.ctx.config.portal;
  const planned: { key: string; idProperty: string; values: Record<string, string | null> }[] = [];
  for (const [i, input] of inputs.entries()) {
    const idProperty = input['idProperty'];
    const def =
      typeof idProperty === 'string' ? portal.properties[type].get(idProperty) : undefined;
    // hs_object_id is unique too, but an upsert cannot create a record with a chosen id.
    if (!def || def.archived || !def.hasUniqueValue || def.name === 'hs_object_id') {
      badRequest(
        res,
        `inputs[${i}].idProperty: required, a property with unique values (got ${text(idProperty) || 'none'})`,
        'idProperty',
      );
      return;
    }
    const id = text(input['id']);
    if (id === '') {
      badRequest(res, `inputs[${i}].id: required, the ${def.name} value to match`, 'id');
      return;
    }
    const values = validateProperties(portal, type, input['properties'] ?? {});
    if (!values.ok) {
      badRequest(res, values.message);
      return;
    }
    const key = id.toLowerCase();
    if (planned.some((p) => p.key === key && p.idProperty === def.name)) {
      badRequest(res, `inputs[${i}].id: duplicate ${def.name} "${id}" in this batch`, 'id');
      return;
    }
    planned.push({ key, idProperty: def.name, values: { ...values.value, [def.name]: id } });
  }
  const results = planned.map(({ key, idProperty, values }) => {
    const existing = findRecord(portal, type, key, idProperty);
    const derived = { ...values, ...derivedProperties(portal, type, values) };
    const record = existing ?? createRecord(portal, type, derived);
    if (existing) updateRecord(portal, type, existing, derived);
    return {
      ...shapeRecord(portal, type, record, {
        properties: Object.keys(values),
        withHistory: [],
        associations: [],
      }),
      new: !existing,
    };
  });
  send(res, 200, timed(results, [], startedAt));
}

function archive(deps: Deps, req: Request, res: Response): void {
  const type = objectTypeParam(req, res);
  if (!type) return;
  const inputs = inputsOf(req, res);
  if (!inputs) return;
  const portal = deps.ctx.config.portal;
  for (const input of inputs) {
    const record = resolveId(portal, type, text(input['id']));
    if (record) archiveRecord(portal, type, record);
  }
  res.status(204).end();
}

export function batchRoutes(deps: Deps): Router {
  const r = Router();
  const { api } = deps.guards;
  const base = '/crm/v3/objects/:objectType/batch';
  r.post(`${base}/read`, ...api(readScope), (req, res) => {
    read(deps, req, res);
  });
  r.post(`${base}/create`, ...api(writeScope), (req, res) => {
    create(deps, req, res);
  });
  r.post(`${base}/update`, ...api(writeScope), (req, res) => {
    update(deps, req, res);
  });
  r.post(`${base}/upsert`, ...api(writeScope), (req, res) => {
    upsert(deps, req, res);
  });
  r.post(`${base}/archive`, ...api(writeScope), (req, res) => {
    archive(deps, req, res);
  });
  return r;
}
