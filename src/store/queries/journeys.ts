// Each deal's journey as the last recompute assembled it (migration 0004): saved by the worker
// that recomputed, read by the card (one deal), write-back and exports (keyset pages).

import type { Selectable } from 'kysely';
import { guard } from '../errors.js';
import { sortKey } from '../../kernel/index.js';
import type { DealJourneysTable } from '../schema.js';
import type { DealJourneyRecord, JsonValue, Store } from '../store.js';
import {
  check,
  checkEach,
  checkUnique,
  DealJourneyRecordSchema,
  Id,
  PortalId,
} from '../validate.js';
import { chunks, IN_CHUNK, INSERT_CHUNK, type QueryContext } from './context.js';
import { z } from 'zod';

type JourneyMethods = Pick<
  Store,
  | 'saveDealJourneys'
  | 'dealJourneys'
  | 'listDealJourneys'
  | 'listDealJourneyStamps'
  | 'deleteDealResults'
>;

const ListOptions = z.strictObject({
  afterDealId: Id.optional(),
  limit: z.number().int().min(1).max(5000).optional(),
});

export function journeyQueries(ctx: QueryContext): JourneyMethods {
  const { db } = ctx;

  const decode = (r: Selectable<DealJourneysTable>): DealJourneyRecord => ({
    dealId: r.deal_id,
    settingsVersion: r.settings_version,
    computedAt: r.computed_at,
    journey: ctx.readJson(r.journey) as JsonValue,
    hash: r.hash,
  });

  return {
    async saveDealJourneys(portalId, journeys) {
      check(PortalId, portalId, 'portalId');
      checkEach(DealJourneyRecordSchema, journeys, 'journeys');
      checkUnique(
        journeys.map((j) => j.dealId),
        'journeys',
      );
      if (journeys.length === 0) return;
      await guard(`journey save of ${journeys.length}`, portalId, () =>
        db.transaction().execute(async (trx) => {
          for (const part of chunks(journeys, INSERT_CHUNK)) {
            await trx
              .insertInto('deal_journeys')
              .values(
                part.map((j) => ({
                  portal_id: portalId,
                  deal_id: j.dealId,
                  deal_sort_key: sortKey(j.dealId),
                  settings_version: j.settingsVersion,
                  computed_at: j.computedAt,
                  journey: ctx.writeJson(j.journey),
                  hash: j.hash,
                })),
              )
              .onConflict((oc) =>
                oc.columns(['portal_id', 'deal_id']).doUpdateSet((eb) => ({
                  settings_version: eb.ref('excluded.settings_version'),
                  computed_at: eb.ref('excluded.computed_at'),
                  journey: eb.ref('excluded.journey'),
                  hash: eb.ref('excluded.hash'),
                })),
              )
              .execute();
          }
        }),
      );
    },

    async dealJourneys(portalId, dealIds) {
      check(PortalId, portalId, 'portalId');
      checkEach(Id, dealIds, 'dealIds');
      return await guard('journey read', portalId, async () => {
        const out = new Map<string, DealJourneyRecord>();
        for (const part of chunks([...new Set(dealIds)], IN_CHUNK)) {
          const rows = await db
            .selectFrom('deal_journeys')
            .selectAll()
            .where('portal_id', '=', portalId)
            .where('deal_id', 'in', part)
            .execute();
          for (const r of rows) out.set(r.deal_id, decode(r));
        }
        return out;
      });
    },

    async listDealJourneys(portalId, options = {}) {
      check(PortalId, portalId, 'portalId');
      const o = check(ListOptions, options, 'options');
      return await guard('journey list', portalId, async () => {
        let q = db.selectFrom('deal_journeys').selectAll().where('portal_id', '=', portalId);
        if (o.afterDealId !== undefined) q = q.where('deal_sort_key', '>', sortKey(o.afterDealId));
        const rows = await q
          .orderBy('deal_sort_key')
          .limit(o.limit ?? 1000)
          .execute();
        return rows.map(decode);
      });
    },

    async listDealJourneyStamps(portalId, options = {}) {
      check(PortalId, portalId, 'portalId');
      const o = check(ListOptions, options, 'options');
      return await guard('journey stamp list', portalId, async () => {
        let q = db
          .selectFrom('deal_journeys')
          .select(['deal_id', 'hash', 'computed_at'])
          .where('portal_id', '=', portalId);
        if (o.afterDealId !== undefined) q = q.where('deal_sort_key', '>', sortKey(o.afterDealId));
        const rows = await q
          .orderBy('deal_sort_key')
          .limit(o.limit ?? 1000)
          .execute();
        return rows.map((r) => ({ dealId: r.deal_id, hash: r.hash, computedAt: r.computed_at }));
      });
    },

    async deleteDealResults(portalId, dealIds) {
      check(PortalId, portalId, 'portalId');
      checkEach(Id, dealIds, 'dealIds');
      if (dealIds.length === 0) return 0;
      return await guard(`result delete of ${dealIds.length} deals`, portalId, () =>
        db.transaction().execute(async (trx) => {
          let deleted = 0;
          for (const part of chunks([...new Set(dealIds)], IN_CHUNK)) {
            await trx
              .deleteFrom('attribution_results')
              .where('portal_id', '=', portalId)
              .where('deal_id', 'in', part)
              .execute();
            const r = await trx
              .deleteFrom('deal_journeys')
              .where('portal_id', '=', portalId)
              .where('deal_id', 'in', part)
              .executeTakeFirst();
            deleted += Number(r.numDeletedRows);
          }
          return deleted;
        }),
      );
    },
  };
}
