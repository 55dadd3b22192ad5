// What keeps the read model fresh (migration 0005): the change feed of synced records (by
// synced_at, which a write sets only when a record's content or archived state changed), what the
// last recompute covered, and webhook hints waiting for their targeted refresh.

import { guard } from '../errors.js';
import type { ChangeHintRecord, HintKind, RecordType, Store } from '../store.js';
import {
  ChangeHintInputSchema,
  check,
  checkEach,
  Ms,
  PortalId,
  RecomputeStateInputSchema,
} from '../validate.js';
import { chunks, INSERT_CHUNK, type QueryContext } from './context.js';
import { z } from 'zod';

type FreshnessMethods = Pick<
  Store,
  | 'lastSyncedAt'
  | 'countChangedRecords'
  | 'changedRecords'
  | 'recomputeState'
  | 'saveRecomputeState'
  | 'addChangeHints'
  | 'changeHints'
  | 'deleteChangeHints'
  | 'countChangeHints'
>;

const FeedLimit = z.number().int().min(1).max(100_000);
const HintLimit = z.number().int().min(1).max(5000);
const TakenHint = z.object({
  objectType: z.string(),
  objectId: z.string(),
  occurredAt: Ms,
  receivedAt: Ms,
});

export function freshnessQueries(ctx: QueryContext): FreshnessMethods {
  const { db } = ctx;
  return {
    async lastSyncedAt(portalId) {
      check(PortalId, portalId, 'portalId');
      return await guard('last sync time', portalId, async () => {
        const r = await db
          .selectFrom('records')
          .select((eb) => eb.fn.max('synced_at').as('at'))
          .where('portal_id', '=', portalId)
          .executeTakeFirst();
        return r?.at ?? null;
      });
    },

    async countChangedRecords(portalId, after, through) {
      check(PortalId, portalId, 'portalId');
      check(Ms, after, 'after');
      check(Ms, through, 'through');
      return await guard('change count', portalId, async () => {
        const r = await db
          .selectFrom('records')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('portal_id', '=', portalId)
          .where('synced_at', '>', after)
          .where('synced_at', '<=', through)
          .executeTakeFirst();
        return Number(r?.n ?? 0);
      });
    },

    async changedRecords(portalId, after, through, limit) {
      check(PortalId, portalId, 'portalId');
      check(Ms, after, 'after');
      check(Ms, through, 'through');
      check(FeedLimit, limit, 'limit');
      return await guard('change feed', portalId, async () => {
        const rows = await db
          .selectFrom('records')
          .select(['object_type', 'id', 'synced_at'])
          .where('portal_id', '=', portalId)
          .where('synced_at', '>', after)
          .where('synced_at', '<=', through)
          .orderBy('synced_at')
          .orderBy('object_type')
          .orderBy('sort_key')
          .limit(limit)
          .execute();
        return rows.map((r) => ({
          objectType: r.object_type as RecordType,
          id: r.id,
          syncedAt: r.synced_at,
        }));
      });
    },

    async recomputeState(portalId) {
      check(PortalId, portalId, 'portalId');
      return await guard('recompute state read', portalId, async () => {
        const r = await db
          .selectFrom('recompute_state')
          .selectAll()
          .where('portal_id', '=', portalId)
          .executeTakeFirst();
        if (r === undefined) return undefined;
        return {
          settingsVersion: r.settings_version,
          syncedThrough: r.synced_through,
          fullAt: r.full_at,
          updatedAt: r.updated_at,
        };
      });
    },

    async saveRecomputeState(portalId, state) {
      check(PortalId, portalId, 'portalId');
      const s = check(RecomputeStateInputSchema, state, 'state');
      await guard('recompute state save', portalId, async () => {
        const row = {
          portal_id: portalId,
          settings_version: s.settingsVersion,
          synced_through: s.syncedThrough,
          full_at: s.fullAt,
          updated_at: ctx.now(),
        };
        await db
          .insertInto('recompute_state')
          .values(row)
          .onConflict((oc) =>
            oc.column('portal_id').doUpdateSet({
              settings_version: row.settings_version,
              synced_through: row.synced_through,
              full_at: row.full_at,
              updated_at: row.updated_at,
            }),
          )
          .execute();
      });
    },

    async addChangeHints(portalId, hints) {
      check(PortalId, portalId, 'portalId');
      const checked = checkEach(ChangeHintInputSchema, hints, 'hints');
      if (checked.length === 0) return;
      // One hint per record: the latest occurrence wins (a statement may not touch a row twice).
      const latest = new Map<string, (typeof checked)[number]>();
      for (const h of checked) {
        const key = `${h.objectType}\u0000${h.objectId}`;
        const seen = latest.get(key);
        if (seen === undefined || seen.occurredAt <= h.occurredAt) latest.set(key, h);
      }
      const at = ctx.now();
      await guard(`hint save of ${latest.size}`, portalId, () =>
        db.transaction().execute(async (trx) => {
          for (const part of chunks([...latest.values()], INSERT_CHUNK)) {
            await trx
              .insertInto('change_hints')
              .values(
                part.map((h) => ({
                  portal_id: portalId,
                  object_type: h.objectType,
                  object_id: h.objectId,
                  kind: h.kind,
                  occurred_at: h.occurredAt,
                  merged_ids: h.mergedIds === undefined ? null : ctx.writeJson(h.mergedIds),
                  received_at: at,
                })),
              )
              .onConflict((oc) =>
                oc.columns(['portal_id', 'object_type', 'object_id']).doUpdateSet((eb) => ({
                  kind: eb.ref('excluded.kind'),
                  occurred_at: eb.ref('excluded.occurred_at'),
                  merged_ids: eb.ref('excluded.merged_ids'),
                  received_at: eb.ref('excluded.received_at'),
                })),
              )
              .execute();
          }
        }),
      );
    },

    async changeHints(portalId, limit) {
      check(PortalId, portalId, 'portalId');
      check(HintLimit, limit, 'limit');
      return await guard('hint read', portalId, async () => {
        const rows = await db
          .selectFrom('change_hints')
          .selectAll()
          .where('portal_id', '=', portalId)
          .orderBy('received_at')
          .orderBy('object_type')
          .orderBy('object_id')
          .limit(limit)
          .execute();
        return rows.map((r): ChangeHintRecord => {
          const merged =
            r.merged_ids === null ? undefined : (ctx.readJson(r.merged_ids) as string[]);
          return {
            objectType: r.object_type as RecordType,
            objectId: r.object_id,
            kind: r.kind as HintKind,
            occurredAt: r.occurred_at,
            ...(merged === undefined ? {} : { mergedIds: merged }),
            receivedAt: r.received_at,
          };
        });
      });
    },

    async deleteChangeHints(portalId, hints) {
      check(PortalId, portalId, 'portalId');
      const taken = checkEach(TakenHint, hints, 'hints');
      if (taken.length === 0) return 0;
      return await guard(`hint delete of ${taken.length}`, portalId, () =>
        db.transaction().execute(async (trx) => {
          let deleted = 0;
          for (const h of taken) {
            const r = await trx
              .deleteFrom('change_hints')
              .where('portal_id', '=', portalId)
              .where('object_type', '=', h.objectType)
              .where('object_id', '=', h.objectId)
              // A hint received again (a newer change, or the same one in the same ms) stays.
              .where('received_at', '=', h.receivedAt)
              .where('occurred_at', '=', h.occurredAt)
              .executeTakeFirst();
            deleted += Number(r.numDeletedRows);
          }
          return deleted;
        }),
      );
    },

    async countChangeHints(portalId) {
      check(PortalId, portalId, 'portalId');
      return await guard('hint count', portalId, async () => {
        const r = await db
          .selectFrom('change_hints')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('portal_id', '=', portalId)
          .executeTakeFirst();
        return Number(r?.n ?? 0);
      });
    },
  };
}
