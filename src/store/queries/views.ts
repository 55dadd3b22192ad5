// The card's views per (deal, model) and each data-driven model's learned weights (migration
// 0005): written by the worker's recompute, read by the web role (one row per card request) and
// by targeted recomputes between the scheduled learnings.

import { guard } from '../errors.js';
import type { JsonValue, Store } from '../store.js';
import {
  check,
  checkEach,
  checkUnique,
  DealViewRecordSchema,
  Id,
  LearnedModelRecordSchema,
  PortalId,
} from '../validate.js';
import { chunks, IN_CHUNK, INSERT_CHUNK, type QueryContext } from './context.js';
import { z } from 'zod';

type ViewMethods = Pick<
  Store,
  'saveDealViews' | 'dealView' | 'dealViewHashes' | 'saveLearnedModels' | 'learnedModels'
>;

const Model = z.string().min(1).max(200);
/** Views per INSERT statement: keeps a statement of big views to a few MB. */
const VIEW_CHUNK = 50;

export function viewQueries(ctx: QueryContext): ViewMethods {
  const { db } = ctx;
  return {
    async saveDealViews(portalId, views) {
      check(PortalId, portalId, 'portalId');
      checkEach(DealViewRecordSchema, views, 'views');
      checkUnique(
        views.map((v) => `${v.dealId}/${v.model}`),
        'views',
      );
      if (views.length === 0) return;
      await guard(`view save of ${views.length}`, portalId, () =>
        db.transaction().execute(async (trx) => {
          for (const part of chunks(views, VIEW_CHUNK)) {
            await trx
              .insertInto('deal_views')
              .values(
                part.map((v) => ({
                  portal_id: portalId,
                  deal_id: v.dealId,
                  model: v.model,
                  settings_version: v.settingsVersion,
                  computed_at: v.computedAt,
                  body: v.body,
                  hash: v.hash,
                })),
              )
              .onConflict((oc) =>
                oc.columns(['portal_id', 'deal_id', 'model']).doUpdateSet((eb) => ({
                  settings_version: eb.ref('excluded.settings_version'),
                  computed_at: eb.ref('excluded.computed_at'),
                  body: eb.ref('excluded.body'),
                  hash: eb.ref('excluded.hash'),
                })),
              )
              .execute();
          }
        }),
      );
    },

    async dealView(portalId, dealId, model) {
      check(PortalId, portalId, 'portalId');
      check(Id, dealId, 'dealId');
      check(Model, model, 'model');
      return await guard('view read', portalId, async () => {
        const r = await db
          .selectFrom('deal_views')
          .selectAll()
          .where('portal_id', '=', portalId)
          .where('deal_id', '=', dealId)
          .where('model', '=', model)
          .executeTakeFirst();
        if (r === undefined) return undefined;
        return {
          dealId: r.deal_id,
          model: r.model,
          settingsVersion: r.settings_version,
          computedAt: r.computed_at,
          body: r.body,
          hash: r.hash,
        };
      });
    },

    async dealViewHashes(portalId, dealIds) {
      check(PortalId, portalId, 'portalId');
      checkEach(Id, dealIds, 'dealIds');
      return await guard('view hash read', portalId, async () => {
        const out = new Map<string, string>();
        for (const part of chunks([...new Set(dealIds)], IN_CHUNK)) {
          const rows = await db
            .selectFrom('deal_views')
            .select(['deal_id', 'model', 'hash'])
            .where('portal_id', '=', portalId)
            .where('deal_id', 'in', part)
            .execute();
          for (const r of rows) out.set(`${r.deal_id}\u0000${r.model}`, r.hash);
        }
        return out;
      });
    },

    async saveLearnedModels(portalId, models) {
      check(PortalId, portalId, 'portalId');
      checkEach(LearnedModelRecordSchema, models, 'models');
      checkUnique(
        models.map((m) => m.model),
        'models',
      );
      if (models.length === 0) return;
      await guard(`learned model save of ${models.length}`, portalId, () =>
        db.transaction().execute(async (trx) => {
          for (const part of chunks(models, INSERT_CHUNK)) {
            await trx
              .insertInto('learned_models')
              .values(
                part.map((m) => ({
                  portal_id: portalId,
                  model: m.model,
                  settings_version: m.settingsVersion,
                  computed_at: m.computedAt,
                  learned: ctx.writeJson(m.learned),
                })),
              )
              .onConflict((oc) =>
                oc.columns(['portal_id', 'model']).doUpdateSet((eb) => ({
                  settings_version: eb.ref('excluded.settings_version'),
                  computed_at: eb.ref('excluded.computed_at'),
                  learned: eb.ref('excluded.learned'),
                })),
              )
              .execute();
          }
        }),
      );
    },

    async learnedModels(portalId) {
      check(PortalId, portalId, 'portalId');
      return await guard('learned model read', portalId, async () => {
        const rows = await db
          .selectFrom('learned_models')
          .selectAll()
          .where('portal_id', '=', portalId)
          .orderBy('model')
          .execute();
        return rows.map((r) => ({
          model: r.model,
          settingsVersion: r.settings_version,
          computedAt: r.computed_at,
          learned: ctx.readJson(r.learned) as JsonValue,
        }));
      });
    },
  };
}
