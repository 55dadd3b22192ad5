// Attribution results per (deal, model) and the write-back ledger: what was last written to
// HubSpot and confirmed, so a write-back with nothing changed makes zero calls.

import type { Selectable } from 'kysely';
import type { DealAttribution } from '../../attribution/index.js';
import { guard } from '../errors.js';
import { sortKey } from '../../kernel/index.js';
import type { AttributionResultsTable } from '../schema.js';
import type {
  AttributionRecord,
  AttributionStamp,
  JsonValue,
  Store,
  WritebackState,
} from '../store.js';
import {
  AttributionRecordSchema,
  check,
  checkEach,
  checkUnique,
  Id,
  PortalId,
  InfluenceTypeSchema,
  WritebackStateSchema,
} from '../validate.js';
import { chunks, IN_CHUNK, INSERT_CHUNK, type QueryContext } from './context.js';
import { z } from 'zod';

type ResultMethods = Pick<
  Store,
  | 'saveAttributions'
  | 'attributionsForDeal'
  | 'attributionsOf'
  | 'attributionStamps'
  | 'pruneModels'
  | 'listAttributions'
  | 'writebackStates'
  | 'saveWritebackStates'
  | 'listWrittenIds'
>;

const WrittenIdsOptions = z.strictObject({
  after: Id.optional(),
  limit: z.number().int().min(1).max(5000).optional(),
});

const ListOptions = z.strictObject({
  model: z.string().min(1).optional(),
  afterDealId: Id.optional(),
  limit: z.number().int().min(1).max(5000).optional(),
});

export function resultQueries(ctx: QueryContext): ResultMethods {
  const { db } = ctx;

  const decode = (r: Selectable<AttributionResultsTable>): AttributionRecord => ({
    dealId: r.deal_id,
    model: r.model,
    modelVersion: r.model_version,
    settingsVersion: r.settings_version,
    computedAt: r.computed_at,
    result: ctx.readJson(r.result) as DealAttribution,
    hash: r.hash,
  });

  return {
    async saveAttributions(portalId, results) {
      check(PortalId, portalId, 'portalId');
      checkEach(AttributionRecordSchema, results, 'results');
      checkUnique(
        results.map((r) => `${r.dealId}/${r.model}`),
        'results',
      );
      if (results.length === 0) return;
      await guard(`attribution save of ${results.length}`, portalId, () =>
        db.transaction().execute(async (trx) => {
          for (const part of chunks(results, INSERT_CHUNK)) {
            await trx
              .insertInto('attribution_results')
              .values(
                part.map((r) => ({
                  portal_id: portalId,
                  deal_id: r.dealId,
                  deal_sort_key: sortKey(r.dealId),
                  model: r.model,
                  model_version: r.modelVersion,
                  settings_version: r.settingsVersion,
                  computed_at: r.computedAt,
                  result: ctx.writeJson(r.result),
                  hash: r.hash,
                })),
              )
              .onConflict((oc) =>
                oc.columns(['portal_id', 'deal_id', 'model']).doUpdateSet((eb) => ({
                  model_version: eb.ref('excluded.model_version'),
                  settings_version: eb.ref('excluded.settings_version'),
                  computed_at: eb.ref('excluded.computed_at'),
                  result: eb.ref('excluded.result'),
                  hash: eb.ref('excluded.hash'),
                })),
              )
              .execute();
          }
        }),
      );
    },

    async attributionsForDeal(portalId, dealId) {
      check(PortalId, portalId, 'portalId');
      check(Id, dealId, 'dealId');
      return await guard(`attribution read of deal ${dealId}`, portalId, async () => {
        const rows = await db
          .selectFrom('attribution_results')
          .selectAll()
          .where('portal_id', '=', portalId)
          .where('deal_id', '=', dealId)
          .orderBy('model')
          .execute();
        return rows.map(decode);
      });
    },

    async attributionsOf(portalId, model, dealIds) {
      check(PortalId, portalId, 'portalId');
      check(z.string().min(1), model, 'model');
      checkEach(Id, dealIds, 'dealIds');
      return await guard(`attribution read of ${dealIds.length} deals`, portalId, async () => {
        const out = new Map<string, AttributionRecord>();
        for (const part of chunks([...new Set(dealIds)], IN_CHUNK)) {
          const rows = await db
            .selectFrom('attribution_results')
            .selectAll()
            .where('portal_id', '=', portalId)
            .where('model', '=', model)
            .where('deal_id', 'in', part)
            .execute();
          for (const r of rows) out.set(r.deal_id, decode(r));
        }
        return out;
      });
    },

    async attributionStamps(portalId, dealIds) {
      check(PortalId, portalId, 'portalId');
      checkEach(Id, dealIds, 'dealIds');
      return await guard(`attribution stamps of ${dealIds.length} deals`, portalId, async () => {
        const out = new Map<string, AttributionStamp>();
        for (const part of chunks([...new Set(dealIds)], IN_CHUNK)) {
          const rows = await db
            .selectFrom('attribution_results')
            .select(['deal_id', 'model', 'hash', 'settings_version', 'computed_at'])
            .where('portal_id', '=', portalId)
            .where('deal_id', 'in', part)
            .execute();
          for (const r of rows) {
            out.set(`${r.deal_id}\u0000${r.model}`, {
              dealId: r.deal_id,
              model: r.model,
              hash: r.hash,
              settingsVersion: r.settings_version,
              computedAt: r.computed_at,
            });
          }
        }
        return out;
      });
    },

    async pruneModels(portalId, keepResults, keepViews) {
      check(PortalId, portalId, 'portalId');
      checkEach(z.string().min(1), keepResults, 'keepResults');
      checkEach(z.string().min(1), keepViews, 'keepViews');
      return await guard('model prune', portalId, () =>
        db.transaction().execute(async (trx) => {
          let views = trx.deleteFrom('deal_views').where('portal_id', '=', portalId);
          if (keepViews.length > 0) views = views.where('model', 'not in', [...keepViews]);
          await views.execute();
          let results = trx.deleteFrom('attribution_results').where('portal_id', '=', portalId);
          if (keepResults.length > 0) results = results.where('model', 'not in', [...keepResults]);
          const r = await results.executeTakeFirst();
          return Number(r.numDeletedRows);
        }),
      );
    },

    async listAttributions(portalId, options = {}) {
      check(PortalId, portalId, 'portalId');
      const o = check(ListOptions, options, 'options');
      return await guard('attribution list', portalId, async () => {
        let q = db.selectFrom('attribution_results').selectAll().where('portal_id', '=', portalId);
        if (o.model !== undefined) q = q.where('model', '=', o.model);
        if (o.afterDealId !== undefined) q = q.where('deal_sort_key', '>', sortKey(o.afterDealId));
        const rows = await q
          .orderBy('deal_sort_key')
          .orderBy('model')
          .limit(o.limit ?? 1000)
          .execute();
        return rows.map(decode);
      });
    },

    async writebackStates(portalId, objectType, objectIds) {
      check(PortalId, portalId, 'portalId');
      check(InfluenceTypeSchema, objectType, 'objectType');
      checkEach(Id, objectIds, 'objectIds');
      return await guard(`write-back state read of ${objectType}`, portalId, async () => {
        const out = new Map<string, WritebackState>();
        for (const part of chunks([...new Set(objectIds)], IN_CHUNK)) {
          const rows = await db
            .selectFrom('writeback_state')
            .selectAll()
            .where('portal_id', '=', portalId)
            .where('object_type', '=', objectType)
            .where('object_id', 'in', part)
            .execute();
          for (const r of rows) {
            out.set(r.object_id, {
              objectId: r.object_id,
              hash: r.hash,
              values: ctx.readJson(r.written_values) as Record<string, JsonValue>,
              writtenAt: r.written_at,
            });
          }
        }
        return out;
      });
    },

    async saveWritebackStates(portalId, objectType, states) {
      check(PortalId, portalId, 'portalId');
      check(InfluenceTypeSchema, objectType, 'objectType');
      checkEach(WritebackStateSchema, states, 'states');
      checkUnique(
        states.map((s) => s.objectId),
        'states',
      );
      if (states.length === 0) return;
      await guard(`write-back state save of ${objectType}`, portalId, () =>
        db.transaction().execute(async (trx) => {
          for (const part of chunks(states, INSERT_CHUNK)) {
            await trx
              .insertInto('writeback_state')
              .values(
                part.map((s) => ({
                  portal_id: portalId,
                  object_type: objectType,
                  object_id: s.objectId,
                  hash: s.hash,
                  written_values: ctx.writeJson(s.values),
                  written_at: s.writtenAt,
                })),
              )
              .onConflict((oc) =>
                oc.columns(['portal_id', 'object_type', 'object_id']).doUpdateSet((eb) => ({
                  hash: eb.ref('excluded.hash'),
                  written_values: eb.ref('excluded.written_values'),
                  written_at: eb.ref('excluded.written_at'),
                })),
              )
              .execute();
          }
        }),
      );
    },

    async listWrittenIds(portalId, objectType, options = {}) {
      check(PortalId, portalId, 'portalId');
      check(InfluenceTypeSchema, objectType, 'objectType');
      const o = check(WrittenIdsOptions, options, 'options');
      return await guard(`written id list of ${objectType}`, portalId, async () => {
        let q = db
          .selectFrom('writeback_state')
          .select('object_id')
          .where('portal_id', '=', portalId)
          .where('object_type', '=', objectType);
        if (o.after !== undefined) q = q.where('object_id', '>', o.after);
        const rows = await q
          .orderBy('object_id')
          .limit(o.limit ?? 1000)
          .execute();
        return rows.map((r) => r.object_id);
      });
    },
  };
}
