// Associations through the v4 batch read (hubspot-behavior.md #7): up to 100 ids per call; a
// record without associations is a 207 error NO_ASSOCIATIONS_FOUND and means "none"; paging is per
// result, so an id with more associations than one page is re-sent with its `after` in a later
// call (batched with the other ids that still have pages); `toObjectId` may be a number.

import { z } from 'zod';
import type { HubSpotApi } from '../api.js';
import { CRM_OBJECT_TYPES, type AssociatedId, type CrmObjectType } from '../types.js';
import { check, Id, parseEnvelope, parseItems, type ReadOptions } from './wire.js';

export const ASSOCIATION_BATCH = 100;

const Input = z.object({
  from: z.enum(CRM_OBJECT_TYPES),
  to: z.enum(CRM_OBJECT_TYPES),
  ids: z.array(z.string().regex(/^\d+$/, 'must be a numeric id')).readonly(),
});

const Result = z.object({
  from: z.object({ id: Id }),
  to: z.array(
    z.object({
      toObjectId: Id,
      associationTypes: z.array(
        z.object({ typeId: z.number().int(), category: z.string().optional() }),
      ),
    }),
  ),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

const Body = z.object({
  results: z.array(z.unknown()),
  errors: z
    .array(
      z.object({
        category: z.string().optional(),
        subCategory: z.string().optional(),
        message: z.string().optional(),
      }),
    )
    .optional(),
});

/** Every requested id maps to its associated ids (empty when it has none). */
export async function readAssociations(
  api: HubSpotApi,
  fromType: CrmObjectType,
  toType: CrmObjectType,
  ids: readonly string[],
  options: ReadOptions = {},
): Promise<Map<string, AssociatedId[]>> {
  check(Input, { from: fromType, to: toType, ids }, 'readAssociations');
  const found = new Map<string, Map<string, Set<number>>>();
  for (const id of ids) found.set(id, new Map());
  const cursors = new Set<string>();
  let pending: { id: string; after?: string }[] = [...found.keys()].map((id) => ({ id }));
  while (pending.length > 0) {
    const later: { id: string; after: string }[] = [];
    for (let i = 0; i < pending.length; i += ASSOCIATION_BATCH) {
      const res = await api.request({
        method: 'POST',
        path: `/crm/v4/associations/${fromType}/${toType}/batch/read`,
        body: { inputs: pending.slice(i, i + ASSOCIATION_BATCH) },
        expect: [200, 207],
        label: fromType,
      });
      const body = parseEnvelope(res, Body, `associations ${fromType}→${toType}`);
      for (const e of body.errors ?? [])
        if (e.subCategory !== 'crm.associations.NO_ASSOCIATIONS_FOUND')
          options.log?.('warn', 'hubspot_association_error', {
            from: fromType,
            to: toType,
            category: e.category,
            message: e.message,
          });
      const parsed = parseItems(
        body.results,
        Result,
        (r) => r,
        `associations ${fromType}→${toType}`,
        options.log,
      );
      for (const r of parsed.items) {
        const targets = found.get(r.from.id);
        if (targets === undefined) continue; // not asked for (HubSpot resolved a merged id)
        for (const t of r.to) {
          const types = targets.get(t.toObjectId) ?? new Set<number>();
          for (const a of t.associationTypes) types.add(a.typeId);
          targets.set(t.toObjectId, types);
        }
        const after = r.paging?.next?.after;
        // A cursor that does not move would loop forever: stop that id's paging instead.
        if (after !== undefined && !cursors.has(`${r.from.id}:${after}`)) {
          cursors.add(`${r.from.id}:${after}`);
          later.push({ id: r.from.id, after });
        }
      }
    }
    pending = later;
  }
  const out = new Map<string, AssociatedId[]>();
  for (const [id, targets] of found)
    out.set(
      id,
      [...targets].map(([to, types]) => ({ id: to, typeIds: [...types].sort((a, b) => a - b) })),
    );
  return out;
}
