// Each deal's journey as the last recompute assembled it (migrations 0004, 0005): saved by the
// worker that recomputed with its path summary and members, read by write-back and exports (keyset
// pages); the path columns give the data-driven models their counts in one GROUP BY.

import type { Selectable } from 'kysely';
import { guard } from '../errors.js';
import { sortKey } from '../../kernel/index.js';
import type { DealJourneysTable } from '../schema.js';
import type {
  DealJourneyRecord,
  DealJourneyStamp,
  DealOutcome,
  JsonValue,
  Store,
} from '../store.js';
import {
  check,
  checkEach,
  checkUnique,
  DealJourneyInputSchema,
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
  | 'journeyStamps'
  | 'deleteDealResults'
>;

const ListOptions = z.strictObject({
  afterDealId: Id.optional(),
  throughDealId: Id.optional(),
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
    path:
      r.path === null || r.outcome === null
        ? null
        : { channels: r.path, outcome: r.outcome as DealOutcome, value: r.value ?? 0 },
  });

  return {
    async saveDealJourneys(portalId, journeys) {
      check(PortalId, portalId, 'portalId');
      checkEach(DealJourneyInputSchema, journeys, 'journeys');
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
                  path: j.path.channels,
                  outcome: j.path.outcome,
                  value: j.path.value,
                })),
              )
              .onConflict((oc) =>
                oc.columns(['portal_id', 'deal_id']).doUpdateSet((eb) => ({
                  settings_version: eb.ref('excluded.settings_version'),
                  computed_at: eb.ref('excluded.computed_at'),
                  journey: eb.ref('excluded.journey'),
                  hash: eb.ref('excluded.hash'),
                  path: eb.ref('excluded.path'),
                  outcome: eb.ref('excluded.outcome'),
                  value: eb.ref('excluded.value'),
                })),
              )
              .execute();
            await trx
              .deleteFrom('journey_members')
              .where('portal_id', '=', portalId)
              .where(
                'deal_id',
                'in',
                part.map((j) => j.dealId),
              )
              .execute();
          }
          const members = journeys.flatMap((j) => [
            ...[...new Set(j.members.contacts)].map((id) => ['contacts', id, j.dealId]),
            ...[...new Set(j.members.companies)].map((id) => ['companies', id, j.dealId]),
          ]);
          for (const part of chunks(members, INSERT_CHUNK * 2)) {
            await trx
              .insertInto('journey_members')
              .values(
                part.map(([type, id, dealId]) => ({
                  portal_id: portalId,
                  deal_id: dealId!,
                  object_type: type!,
                  object_id: id!,
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
        if (o.throughDealId !== undefined)
          q = q.where('deal_sort_key', '<=', sortKey(o.throughDealId));
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
        if (o.throughDealId !== undefined)
          q = q.where('deal_sort_key', '<=', sortKey(o.throughDealId));
        const rows = await q
          .orderBy('deal_sort_key')
          .limit(o.limit ?? 1000)
          .execute();
        return rows.map((r) => ({ dealId: r.deal_id, hash: r.hash, computedAt: r.computed_at }));
      });
    },

    async journeyStamps(portalId, dealIds) {
      check(PortalId, portalId, 'portalId');
      checkEach(Id, dealIds, 'dealIds');
      return await guard('journey stamp read', portalId, async () => {
        const out = new Map<string, DealJourneyStamp>();
        for (const part of chunks([...new Set(dealIds)], IN_CHUNK)) {
          const rows = await db
            .selectFrom('deal_journeys')
            .select(['deal_id', 'hash', 'computed_at'])
            .where('portal_id', '=', portalId)
            .where('deal_id', 'in', part)
            .execute();
          for (const r of rows) {
            out.set(r.deal_id, { dealId: r.deal_id, hash: r.hash, computedAt: r.computed_at });
          }
        }
        return out;
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
            for (const table of ['attribution_results', 'deal_views', 'journey_members'] as const) {
              await trx
                .deleteFrom(table)
                .where('portal_id', '=', portalId)
                .where('deal_id', 'in', part)
                .execute();
            }
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
