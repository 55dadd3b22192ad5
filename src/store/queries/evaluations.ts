// The latest model evaluation per portal: written by the worker that computed it, read by the
// web role. One row per portal; a save replaces it only with an evaluation computed at the same
// time or later, so an older computation finishing late cannot hide a newer one.

import { guard } from '../errors.js';
import type { EvaluationRecord, JsonValue, Store } from '../store.js';
import { check, EvaluationRecordSchema, PortalId } from '../validate.js';
import type { QueryContext } from './context.js';

type EvaluationMethods = Pick<Store, 'saveEvaluation' | 'latestEvaluation'>;

export function evaluationQueries(ctx: QueryContext): EvaluationMethods {
  const { db } = ctx;
  return {
    async saveEvaluation(portalId, record) {
      check(PortalId, portalId, 'portalId');
      check(EvaluationRecordSchema, record, 'record');
      const row = {
        computed_at: record.computedAt,
        settings_version: record.settingsVersion,
        // The caller's document as given (the parse above only checks it).
        evaluation: ctx.writeJson(record.evaluation),
        saved_at: ctx.now(),
      };
      return await guard('evaluation save', portalId, async () => {
        const r = await db
          .insertInto('evaluations')
          .values({ portal_id: portalId, ...row })
          .onConflict((oc) =>
            oc
              .column('portal_id')
              .doUpdateSet(row)
              .where('evaluations.computed_at', '<=', record.computedAt),
          )
          .executeTakeFirst();
        return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
      });
    },

    async latestEvaluation(portalId) {
      check(PortalId, portalId, 'portalId');
      return await guard('evaluation read', portalId, async () => {
        const r = await db
          .selectFrom('evaluations')
          .select(['computed_at', 'settings_version', 'evaluation'])
          .where('portal_id', '=', portalId)
          .executeTakeFirst();
        return r === undefined
          ? undefined
          : ({
              computedAt: r.computed_at,
              settingsVersion: r.settings_version,
              evaluation: ctx.readJson(r.evaluation) as JsonValue,
            } satisfies EvaluationRecord);
      });
    },
  };
}
