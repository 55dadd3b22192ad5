// HubSpot's wire shapes (HUBSPOT.md §5) as zod schemas, and their mapping to the domain shapes of
// types.ts: ids as strings, times as ms (ISO or ms strings), histories oldest first, inline
// associations deduplicated. Plain `z.object` (not strict): HubSpot adds fields without notice.

import { z } from 'zod';
import { parseHubSpotTime } from '../time.js';
import { HubSpotError, type HubSpotResponse } from '../api.js';
import { inlineTypeIds, parseCrmType } from '../association-types.js';
import type { HubSpotLogger } from '../client.js';
import type {
  AssociatedId,
  AssociationList,
  CrmObjectType,
  HubSpotObject,
  PropertyVersion,
} from '../types.js';

/** ms since epoch from a number, a ms string or an ISO string; undefined when it is neither. */
export const toMs = parseHubSpotTime;

export const Time = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = toMs(v);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a timestamp: ${String(v)}` });
    return z.NEVER;
  }
  return ms;
});

/** Ids are strings in REST but numbers in places (v4 `toObjectId`): normalised to strings. */
export const Id = z
  .union([z.string().min(1), z.number().int().nonnegative()])
  .transform((v) => String(v));

/** Values are strings or null; a number or boolean (seen from some integrations) becomes text. */
const Value = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .transform((v) => (v === null ? null : String(v)));

const Version = z.object({
  value: Value.optional(),
  timestamp: Time,
  sourceType: z.string().optional(),
  sourceId: z.string().optional(),
  updatedByUserId: z.number().optional(),
});

const InlineAssociations = z.object({
  results: z.array(z.object({ id: Id, type: z.string() })),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

export const WireObject = z.object({
  id: Id,
  properties: z.record(z.string(), Value),
  propertiesWithHistory: z.record(z.string(), z.array(Version)).optional(),
  createdAt: Time,
  updatedAt: Time,
  archived: z.boolean().optional(),
  archivedAt: Time.optional(),
  associations: z.record(z.string(), InlineAssociations).optional(),
});
type WireObject = z.infer<typeof WireObject>;

function history(wire: NonNullable<WireObject['propertiesWithHistory']>) {
  const out: Record<string, PropertyVersion[]> = {};
  for (const [name, versions] of Object.entries(wire)) {
    // HubSpot sends newest first; reversing keeps equal timestamps in their true order.
    out[name] = versions
      .map((v): PropertyVersion => ({
        value: v.value ?? null,
        timestamp: v.timestamp,
        ...(v.sourceType === undefined ? {} : { sourceType: v.sourceType }),
        ...(v.sourceId === undefined ? {} : { sourceId: v.sourceId }),
        ...(v.updatedByUserId === undefined ? {} : { updatedByUserId: v.updatedByUserId }),
      }))
      .reverse()
      .sort((a, b) => a.timestamp - b.timestamp);
  }
  return out;
}

function associations(
  from: CrmObjectType,
  wire: NonNullable<WireObject['associations']>,
): Partial<Record<CrmObjectType, AssociationList>> {
  const out: Partial<Record<CrmObjectType, AssociationList>> = {};
  for (const [key, list] of Object.entries(wire)) {
    const to = parseCrmType(key);
    if (to === undefined) continue; // custom objects: not read by the app
    const unlabeled = new Set(
      list.results.filter((r) => r.type.endsWith('_unlabeled')).map((r) => r.id),
    );
    const byId = new Map<string, Set<number>>();
    for (const r of list.results) {
      const ids = byId.get(r.id) ?? new Set<number>();
      for (const t of inlineTypeIds(from, to, r.type, unlabeled.has(r.id))) ids.add(t);
      byId.set(r.id, ids);
    }
    const ids: AssociatedId[] = [...byId].map(([id, types]) => ({
      id,
      typeIds: [...types].sort((a, b) => a - b),
    }));
    // HubSpot pages long inline lists; the rest must be read through v4.
    out[to] = { ids, truncated: list.paging?.next !== undefined };
  }
  return out;
}

export function toHubSpotObject(type: CrmObjectType, wire: WireObject): HubSpotObject {
  return {
    id: wire.id,
    properties: wire.properties,
    ...(wire.propertiesWithHistory === undefined
      ? {}
      : { history: history(wire.propertiesWithHistory) }),
    createdAt: wire.createdAt,
    updatedAt: wire.updatedAt,
    archived: wire.archived ?? false,
    ...(wire.archivedAt === undefined ? {} : { archivedAt: wire.archivedAt }),
    ...(wire.associations === undefined
      ? {}
      : { associations: associations(type, wire.associations) }),
  };
}

/** Validates each item; malformed ones are logged and counted, never fatal. */
export function parseItems<S extends z.ZodType, T>(
  items: readonly unknown[],
  schema: S,
  map: (item: z.infer<S>) => T,
  what: string,
  log: HubSpotLogger | undefined,
): { items: T[]; malformed: number; malformedIds: string[] } {
  const out: T[] = [];
  const malformedIds: string[] = [];
  let malformed = 0;
  for (const item of items) {
    const r = schema.safeParse(item);
    if (r.success) {
      out.push(map(r.data));
      continue;
    }
    malformed++;
    const raw = (item as { id?: unknown } | null)?.id;
    const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
    if (id !== undefined) malformedIds.push(id);
    log?.('warn', 'hubspot_malformed_item', {
      what,
      id,
      issues: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 5),
    });
  }
  return { items: out, malformed, malformedIds };
}

/** Validates a caller's input; the error names every bad field. */
export function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new Error(
    r.error.issues.map((i) => `${what}.${i.path.join('.')}: ${i.message}`).join('; '),
  );
}

/** The envelope of a response (results array, paging): if it is wrong, nothing can be trusted. */
export function parseEnvelope<S extends z.ZodType>(
  res: HubSpotResponse,
  schema: S,
  what: string,
): z.infer<S> {
  const r = schema.safeParse(res.body);
  if (r.success) return r.data;
  throw new HubSpotError(
    'malformed_response',
    `${what}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    { status: res.status, body: res.body },
  );
}

/** `paging.next.after` of list-style responses (absent on the last page). */
export const Paging = z
  .object({ next: z.object({ after: z.union([z.string(), z.number()]) }).optional() })
  .optional();

export const nextAfter = (paging: z.infer<typeof Paging>): string | undefined =>
  paging?.next === undefined ? undefined : String(paging.next.after);

/** Reader options shared by every reader. */
export interface ReadOptions {
  /** Where malformed items are reported. */
  readonly log?: HubSpotLogger;
}
