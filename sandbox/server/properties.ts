// Properties and property groups v3 (HUBSPOT.md §5): create → 201, duplicate → 409
// OBJECT_ALREADY_EXISTS, invalid type/fieldType pairs or enumerations without options → 400,
// HubSpot-defined properties cannot be changed. Writes need crm.schemas.<object>.write.

import { Router, type Request, type Response } from 'express';
import type { ObjectType, PropertyDefinition, PropertyOption } from '../portal.js';
import type { Deps } from './deps.js';
import { badRequest, send, sendError } from './errors.js';
import { objectScope, schemaScope } from './middleware/scopes.js';
import { objectTypeParam } from './objects.js';
import { parseObjectType, queryValue, text } from './serialize.js';

/** Allowed fieldTypes per type; `calculation_equation` goes with any type. */
const FIELD_TYPES: Record<string, readonly string[]> = {
  string: ['text', 'textarea', 'html', 'phonenumber', 'file'],
  number: ['number'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
  bool: ['booleancheckbox'],
  date: ['date'],
  datetime: ['date'],
};

const iso = (ms: number): string => new Date(ms).toISOString();

export function propertyBody(p: PropertyDefinition): Record<string, unknown> {
  return {
    updatedAt: iso(p.updatedAt),
    createdAt: iso(p.createdAt),
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: p.description,
    groupName: p.groupName,
    options: p.options,
    displayOrder: p.displayOrder,
    calculated: p.calculated,
    externalOptions: p.externalOptions,
    hasUniqueValue: p.hasUniqueValue,
    hidden: p.hidden,
    hubspotDefined: p.hubspotDefined,
    ...(p.showCurrencySymbol === undefined ? {} : { showCurrencySymbol: p.showCurrencySymbol }),
    ...(p.numberDisplayHint === undefined ? {} : { numberDisplayHint: p.numberDisplayHint }),
    modificationMetadata: {
      archivable: !p.hubspotDefined,
      readOnlyDefinition: p.hubspotDefined,
      readOnlyValue: p.readOnlyValue,
    },
    formField: p.formField,
    archived: p.archived,
  };
}

function parseOptions(raw: unknown): PropertyOption[] | string {
  if (!Array.isArray(raw)) return 'options: must be an array of { label, value }';
  const out: PropertyOption[] = [];
  for (const [i, o] of (raw as Record<string, unknown>[]).entries()) {
    if (typeof o['label'] !== 'string' || typeof o['value'] !== 'string')
      return `options[${i}]: label and value are required strings`;
    out.push({
      label: o['label'],
      value: o['value'],
      hidden: o['hidden'] === true,
      displayOrder: typeof o['displayOrder'] === 'number' ? o['displayOrder'] : i,
      ...(typeof o['description'] === 'string' ? { description: o['description'] } : {}),
    });
  }
  return out;
}

/** Validates a create body; returns the definition or the 400 message. */
function parseCreate(
  deps: Deps,
  type: ObjectType,
  b: Record<string, unknown>,
): PropertyDefinition | string {
  const missing = ['name', 'label', 'type', 'fieldType', 'groupName'].filter(
    (k) => typeof b[k] !== 'string' || b[k] === '',
  );
  if (missing.length > 0) return `Missing required field(s): ${missing.join(', ')}`;
  const [name, label, ptype, fieldType, groupName] = [
    'name',
    'label',
    'type',
    'fieldType',
    'groupName',
  ].map((k) => text(b[k])) as [string, string, string, string, string];
  if (!/^[a-z][a-z0-9_]*$/.test(name))
    return `name: "${name}" must start with a lowercase letter and contain only a-z, 0-9 and _`;
  const allowed = FIELD_TYPES[ptype];
  if (!allowed) return `type: "${ptype}" is not one of ${Object.keys(FIELD_TYPES).join(', ')}`;
  if (!allowed.includes(fieldType) && fieldType !== 'calculation_equation')
    return `fieldType: "${fieldType}" is not valid for type "${ptype}" (allowed: ${allowed.join(', ')}, calculation_equation)`;
  if (!deps.ctx.config.portal.groups[type].has(groupName))
    return `groupName: property group "${groupName}" does not exist`;
  let options: PropertyOption[] = [];
  if (ptype === 'enumeration' || b['options'] !== undefined) {
    const parsed = parseOptions(b['options'] ?? []);
    if (typeof parsed === 'string') return parsed;
    if (ptype === 'enumeration' && parsed.length === 0)
      return 'options: an enumeration property needs at least one option';
    options = parsed;
  }
  const now = deps.ctx.config.portal.now;
  return {
    name,
    label,
    type: ptype,
    fieldType,
    groupName,
    description: typeof b['description'] === 'string' ? b['description'] : '',
    options,
    displayOrder: typeof b['displayOrder'] === 'number' ? b['displayOrder'] : -1,
    hidden: b['hidden'] === true,
    formField: b['formField'] === true,
    calculated: fieldType === 'calculation_equation',
    hubspotDefined: false,
    externalOptions: false,
    hasUniqueValue: b['hasUniqueValue'] === true,
    ...(typeof b['showCurrencySymbol'] === 'boolean'
      ? { showCurrencySymbol: b['showCurrencySymbol'] }
      : {}),
    ...(typeof b['numberDisplayHint'] === 'string'
      ? { numberDisplayHint: b['numberDisplayHint'] }
      : {}),
    createdAt: now,
    updatedAt: now,
    archived: false,
    readOnlyValue: fieldType === 'calculation_equation',
  };
}

const propertyNotFound = (res: Response, name: string): void => {
  sendError(res, 404, 'OBJECT_NOT_FOUND', `Property ${name} does not exist`, {
    context: { name: [name] },
  });
};

export function propertyRoutes(deps: Deps): Router {
  const r = Router();
  const { api } = deps.guards;
  const portal = deps.ctx.config.portal;
  const read = (req: Request) => {
    const t = parseObjectType(String(req.params['objectType'] ?? ''));
    return t ? [schemaScope(t, 'read'), objectScope(t, 'read'), schemaScope(t, 'write')] : [];
  };
  const write = (req: Request) => {
    const t = parseObjectType(String(req.params['objectType'] ?? ''));
    return t ? [schemaScope(t, 'write')] : [];
  };
  const base = '/crm/v3/properties/:objectType';

  r.get(`${base}/groups`, ...api(read), (req, res) => {
    const type = objectTypeParam(req, res);
    if (type) send(res, 200, { results: [...portal.groups[type].values()] });
  });
  r.post(`${base}/groups`, ...api(write), (req, res) => {
    const type = objectTypeParam(req, res);
    if (!type) return;
    const b = (req.body ?? {}) as Record<string, unknown>;
    const missing = ['name', 'label'].filter((k) => typeof b[k] !== 'string' || b[k] === '');
    if (missing.length > 0) {
      badRequest(res, `Missing required field(s): ${missing.join(', ')}`, missing[0]);
      return;
    }
    const name = String(b['name']);
    if (portal.groups[type].has(name)) {
      sendError(
        res,
        409,
        'OBJECT_ALREADY_EXISTS',
        `A property group named '${name}' already exists.`,
      );
      return;
    }
    const group = {
      name,
      label: String(b['label']),
      displayOrder: typeof b['displayOrder'] === 'number' ? b['displayOrder'] : -1,
      archived: false,
    };
    portal.groups[type].set(name, group);
    send(res, 201, group);
  });
  r.get(base, ...api(read), (req, res) => {
    const type = objectTypeParam(req, res);
    if (!type) return;
    const archived = queryValue(req.query['archived']) === 'true';
    const results = [...portal.properties[type].values()]
      .filter((p) => p.archived === archived)
      .map(propertyBody);
    send(res, 200, { results });
  });
  r.post(base, ...api(write), (req, res) => {
    const type = objectTypeParam(req, res);
    if (!type) return;
    const def = parseCreate(deps, type, (req.body ?? {}) as Record<string, unknown>);
    if (typeof def === 'string') {
      badRequest(res, def);
      return;
    }
    if (portal.properties[type].get(def.name)?.archived === false) {
      sendError(res, 409, 'OBJECT_ALREADY_EXISTS', `Property named '${def.name}' already exists.`, {
        context: { name: [def.name] },
      });
      return;
    }
    portal.properties[type].set(def.name, def);
    send(res, 201, propertyBody(def));
  });
  r.get(`${base}/:propertyName`, ...api(read), (req, res) => {
    const type = objectTypeParam(req, res);
    if (!type) return;
    const p = portal.properties[type].get(String(req.params['propertyName']));
    if (!p || p.archived) propertyNotFound(res, String(req.params['propertyName']));
    else send(res, 200, propertyBody(p));
  });
  r.patch(`${base}/:propertyName`, ...api(write), (req, res) => {
    const type = objectTypeParam(req, res);
    if (!type) return;
    const name = String(req.params['propertyName']);
    const p = portal.properties[type].get(name);
    if (!p || p.archived) {
      propertyNotFound(res, name);
      return;
    }
    if (p.hubspotDefined) {
      badRequest(res, `Property ${name} is HubSpot-defined and cannot be modified.`, name);
      return;
    }
    const b = (req.body ?? {}) as Record<string, unknown>;
    for (const k of ['label', 'description', 'groupName'] as const)
      if (typeof b[k] === 'string') p[k] = b[k];
    if (typeof b['displayOrder'] === 'number') p.displayOrder = b['displayOrder'];
    if (typeof b['hidden'] === 'boolean') p.hidden = b['hidden'];
    if (b['options'] !== undefined) {
      const options = parseOptions(b['options']);
      if (typeof options === 'string') {
        badRequest(res, options, 'options');
        return;
      }
      p.options = options;
    }
    p.updatedAt = portal.now;
    send(res, 200, propertyBody(p));
  });
  r.delete(`${base}/:propertyName`, ...api(write), (req, res) => {
    const type = objectTypeParam(req, res);
    if (!type) return;
    const p = portal.properties[type].get(String(req.params['propertyName']));
    if (p?.hubspotDefined) {
      badRequest(res, `Property ${p.name} is HubSpot-defined and cannot be archived.`, p.name);
      return;
    }
    if (p) p.archived = true;
    res.status(204).end();
  });
  return r;
}
