// Input validation at the store boundary. Callers are our own sync/attribution code, so invalid
// input is a bug: it throws StoreError('invalid_input') naming the field, before anything is written.

import { z } from 'zod';
import { evaluationSchema, TOUCH_KINDS } from '../domain/index.js';
import { invalidInput } from './errors.js';
import { HINT_KINDS, RECORD_TYPES } from './store.js';

export const PortalId = z.number().int().positive();
export const Id = z.string().min(1, 'must be a non-empty string').max(200);
export const Ms = z.number().int();
const Name = z.string().min(1).max(200);

/**
 * Any JSON value, checked by one plain walk that names the first bad path (zod's z.json() builds
 * a union per node: it was a fifth of a recompute's time on the documents it stores).
 */
const json = () =>
  z.unknown().superRefine((v, ctx) => {
    const at = notJsonAt(v, []);
    if (at !== undefined) ctx.addIssue({ code: 'custom', path: at, message: 'must be JSON' });
  });

export const RecordTypeSchema = z.enum(RECORD_TYPES);

const PropertyVersionSchema = z.object({
  value: z.string().nullable(),
  timestamp: Ms,
  sourceType: z.string().optional(),
  sourceId: z.string().optional(),
  updatedByUserId: z.number().int().optional(),
});

export const RecordInputSchema = z.strictObject({
  id: Id,
  properties: z.record(z.string(), json()),
  history: z.record(z.string(), z.array(PropertyVersionSchema)).optional(),
  createdAt: Ms.optional(),
  updatedAt: Ms,
  archived: z.boolean().optional(),
  archivedAt: Ms.optional(),
});

export const MergeSchema = z.strictObject({ fromId: Id, intoId: Id });

export const AssociationPairSchema = z.strictObject({
  fromId: Id,
  toId: Id,
  typeIds: z.array(z.number().int()),
});

export const TouchpointInputSchema = z.strictObject({
  id: Id,
  occurredAt: Ms,
  contactIds: z.array(Id).min(1, 'needs at least one contact'),
  companyIds: z.array(Id).optional(),
  kind: z.enum(TOUCH_KINDS),
  channel: z
    .string()
    .min(1)
    .refine((c) => !c.includes('>'), 'must not contain ">"'),
  team: z.enum(['marketing', 'sales']),
  createdContactIds: z.array(Id).optional(),
  source: z
    .strictObject({
      source: z.string().optional(),
      medium: z.string().optional(),
      detail1: z.string().optional(),
      detail2: z.string().optional(),
      url: z.string().optional(),
    })
    .optional(),
  campaign: z.string().optional(),
  title: z.string().optional(),
  originId: Id,
});

export const CheckpointInputSchema = z.strictObject({
  portalId: PortalId,
  stream: Name,
  version: z.number().int().min(0),
  cursor: json(),
  phase: z.enum(['full', 'incremental']),
  lastFullSyncAt: Ms.nullable(),
});

export const StreamStatusSchema = z.strictObject({
  stream: Name,
  records: z.number().int().min(0),
  apiCalls: z.number().int().min(0),
  lastError: z.strictObject({ kind: Name, message: z.string(), at: Ms }).nullable(),
  lastRunAt: Ms.nullable(),
});

export const PortalInputSchema = z.strictObject({
  name: z.string().max(500),
  timeZone: Name,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an upper-case ISO 4217 code'),
  tier: z.enum(['free', 'starter', 'professional', 'enterprise']),
  appType: z.enum(['private', 'oauth']),
});

export const AttributionRecordSchema = z.strictObject({
  dealId: Id,
  model: Name,
  modelVersion: z.number().int().min(0),
  settingsVersion: z.number().int().min(0),
  computedAt: Ms,
  // The engine's own type; the store checks only that it is JSON about this deal.
  result: z.looseObject({ dealId: Id, model: Name }).superRefine((v, ctx) => {
    const at = notJsonAt(v, []);
    if (at !== undefined) ctx.addIssue({ code: 'custom', path: at, message: 'must be JSON' });
  }),
  hash: z.string().min(1),
});

const Channels = z
  .string()
  .max(1_000_000)
  .refine((p) => p === '' || p.split(' > ').every((c) => c !== '' && !c.includes('>')), {
    error: 'must be channel ids joined by " > "',
  });

export const DealJourneyInputSchema = z.strictObject({
  dealId: Id,
  settingsVersion: z.number().int().min(0),
  computedAt: Ms,
  journey: json(),
  hash: z.string().min(1),
  path: z.strictObject({
    channels: Channels,
    outcome: z.enum(['won', 'lost', 'open']),
    value: z.number().min(0),
  }),
  members: z.strictObject({ contacts: z.array(Id), companies: z.array(Id) }),
});

export const DealViewRecordSchema = z.strictObject({
  dealId: Id,
  model: Name,
  settingsVersion: z.number().int().min(0),
  computedAt: Ms,
  body: z.string().min(2, 'must be a JSON document'),
  hash: z.string().min(1),
});

export const LearnedModelRecordSchema = z.strictObject({
  model: Name,
  settingsVersion: z.number().int().min(0),
  computedAt: Ms,
  learned: json(),
});

export const RecomputeStateInputSchema = z.strictObject({
  settingsVersion: z.number().int().min(0),
  syncedThrough: Ms,
  fullAt: Ms,
});

export const ChangeHintInputSchema = z.strictObject({
  objectType: z.enum(RECORD_TYPES),
  objectId: Id,
  kind: z.enum(HINT_KINDS),
  occurredAt: Ms,
  mergedIds: z.array(Id).optional(),
});

export const InfluenceTypeSchema = z.enum(['deals', 'contacts', 'companies']);

export const WritebackStateSchema = z.strictObject({
  objectId: Id,
  hash: z.string().min(1),
  values: z.record(z.string(), json()),
  writtenAt: Ms,
});

export const SettingsSchema = z.record(z.string(), json());

export const EvaluationRecordSchema = z.strictObject({
  computedAt: Ms,
  settingsVersion: z.number().int().min(0),
  // The shared contract's shape, then JSON all through (its extra fields are not typed there).
  evaluation: evaluationSchema.superRefine((v, ctx) => {
    const at = notJsonAt(v, []);
    if (at !== undefined) ctx.addIssue({ code: 'custom', path: at, message: 'must be JSON' });
  }),
});

/** The path of the first value JSON cannot hold (undefined, NaN, a function, a Date…), if any. */
function notJsonAt(v: unknown, path: PropertyKey[]): PropertyKey[] | undefined {
  const bad = firstNotJson(v);
  return bad === undefined ? undefined : [...path, ...bad.reverse()];
}

/**
 * The first non-JSON value's path, innermost key first; undefined when all is JSON. Walks without
 * allocating on the way down: stored documents are checked whole, and at a 1M-record portal's
 * recompute this walk runs over gigabytes of journeys and results.
 */
function firstNotJson(v: unknown): PropertyKey[] | undefined {
  if (v === null) return undefined;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(v) ? undefined : [];
    case 'object':
      break;
    default:
      return [];
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const bad = firstNotJson(v[i]);
      if (bad !== undefined) {
        bad.push(i);
        return bad;
      }
    }
    return undefined;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return [];
  const o = v as Record<string, unknown>;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) continue;
    const bad = firstNotJson(o[k]);
    if (bad !== undefined) {
      bad.push(k);
      return bad;
    }
  }
  return undefined;
}

export const OAuthTokenInputSchema = z.strictObject({
  encryptedRefreshToken: z.string().min(1),
  accessTokenExpiresAt: Ms.nullable(),
  scopes: z.array(z.string().min(1)),
});

/** Parses `value` or throws StoreError naming the first bad field, e.g. "records[2].id". */
export function check<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue === undefined ? root : pathOf(root, issue.path);
  throw invalidInput(field, issue?.message ?? 'invalid');
}

export function checkEach<S extends z.ZodType>(
  schema: S,
  values: readonly unknown[],
  root: string,
): z.output<S>[] {
  return values.map((v, i) => check(schema, v, `${root}[${i}]`));
}

/** Rejects a repeated id: one statement may not touch a row twice (PostgreSQL refuses). */
export function checkUnique(ids: readonly string[], root: string): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw invalidInput(`${root}[${i}]`, `duplicate id "${id}"`);
    seen.add(id);
  });
}

function pathOf(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`),
    root,
  );
}
