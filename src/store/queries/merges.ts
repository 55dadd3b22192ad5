// Merges: old id → survivor, per object type. HubSpot keeps answering for a merged-away id with
// the winner, so every saved id (associations, touchpoints) is resolved through this table.

import { guard, invalidInput, StoreError } from '../errors.js';
import type { Merge, Store } from '../store.js';
import {
  check,
  checkEach,
  checkUnique,
  Id,
  MergeSchema,
  PortalId,
  RecordTypeSchema,
} from '../validate.js';
import { chunks, IN_CHUNK, INSERT_CHUNK, type QueryContext } from './context.js';

type MergeMethods = Pick<Store, 'recordMerges' | 'resolveIds'>;

/** Merge chains longer than this mean a cycle (HubSpot never reuses ids). */
const MAX_MERGE_HOPS = 32;

export function mergeQueries(ctx: QueryContext): MergeMethods {
  const { db } = ctx;

  return {
    async recordMerges(portalId, objectType, merges: readonly Merge[]) {
      check(PortalId, portalId, 'portalId');
      check(RecordTypeSchema, objectType, 'objectType');
      checkEach(MergeSchema, merges, 'merges');
      merges.forEach((m, i) => {
        if (m.fromId === m.intoId)
          throw invalidInput(`merges[${i}].intoId`, 'a record cannot merge into itself');
      });
      checkUnique(
        merges.map((m) => m.fromId),
        'merges',
      );
      if (merges.length === 0) return;
      await guard(`merge of ${objectType}`, portalId, () =>
        db.transaction().execute(async (trx) => {
          const at = ctx.now();
          for (const part of chunks(merges, INSERT_CHUNK)) {
            await trx
              .insertInto('merges')
              .values(
                part.map((m) => ({
                  portal_id: portalId,
                  object_type: objectType,
                  from_id: m.fromId,
                  into_id: m.intoId,
                  merged_at: at,
                })),
              )
              .onConflict((oc) =>
                oc.columns(['portal_id', 'object_type', 'from_id']).doUpdateSet((eb) => ({
                  into_id: eb.ref('excluded.into_id'),
                  merged_at: eb.ref('excluded.merged_at'),
                })),
              )
              .execute();
          }
        }),
      );
    },

    async resolveIds(portalId, objectType, ids) {
      check(PortalId, portalId, 'portalId');
      check(RecordTypeSchema, objectType, 'objectType');
      checkEach(Id, ids, 'ids');
      return await guard(`merge resolution of ${objectType}`, portalId, async () => {
        const resolved = new Map(ids.map((id) => [id, id]));
        for (let hop = 0; ; hop++) {
          const current = [...new Set(resolved.values())];
          const step = new Map<string, string>();
          for (const part of chunks(current, IN_CHUNK)) {
            const rows = await db
              .selectFrom('merges')
              .select(['from_id', 'into_id'])
              .where('portal_id', '=', portalId)
              .where('object_type', '=', objectType)
              .where('from_id', 'in', part)
              .execute();
            for (const row of rows) step.set(row.from_id, row.into_id);
          }
          if (step.size === 0) return resolved;
          if (hop >= MAX_MERGE_HOPS) {
            throw new StoreError(`merge chain of ${objectType} loops, portal ${portalId}`, {
              code: 'corrupt_data',
            });
          }
          for (const [id, cur] of resolved) resolved.set(id, step.get(cur) ?? cur);
        }
      });
    },
  };
}
