// The store contract's part for model evaluations (saveEvaluation / latestEvaluation); run by
// runStoreContract in contract.ts on every dialect, with that suite's store and fresh portals.

import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../extensions/domain/index.js';
import type { EvaluationRecord, JsonValue, Store } from '../../../src/store/index.js';
import { sampleEvaluation } from '../../support/evaluation.js';
import { expectInvalid } from './expect-invalid.js';

export interface EvaluationContractContext {
  readonly store: () => Store;
  /** Two portals no other test touches (fresh per test). */
  readonly portals: () => readonly [number, number];
}

const record = (
  computedAt: number,
  settingsVersion: number,
  evaluation: unknown = sampleEvaluation(),
): EvaluationRecord => ({ computedAt, settingsVersion, evaluation: evaluation as JsonValue });

/** The sample with one change made by `edit` (a deep copy: the sample is never shared). */
function edited(edit: (e: Record<string, unknown> & Evaluation) => void): unknown {
  const e = structuredClone(sampleEvaluation()) as Record<string, unknown> & Evaluation;
  edit(e);
  return e;
}

export function evaluationContract(ctx: EvaluationContractContext): void {
  describe('model evaluations', () => {
    it('is created by migration 0003', async () => {
      expect((await ctx.store().migrations()).applied).toContain('0003-evaluations');
    });

    it('has none before the first save, then returns it exactly, extra fields included', async () => {
      const store = ctx.store();
      const [p] = ctx.portals();
      expect(await store.latestEvaluation(p)).toBeUndefined();
      expect(await store.saveEvaluation(p, record(1_700_000_000_123, 4))).toBe(true);
      const got = await store.latestEvaluation(p);
      expect(got).toEqual(record(1_700_000_000_123, 4));
      const logistic = (got?.evaluation as unknown as Evaluation).models[2]!;
      // Doubles survive the JSON column bit for bit (jsonb keeps numbers as decimals).
      expect(Object.is(logistic.channelShares['paid_search']!.share, 0.1 + 0.2)).toBe(true);
      expect(Object.is(logistic.channelShares['organic_search']!.lo, 1e-7)).toBe(true);
      expect(Object.is(logistic.channelShares['organic_search']!.share, 2 / 11)).toBe(true);
      expect(logistic['coefficients']).toEqual({
        paid_search: 0.61,
        webinar: 1.02,
        organic_search: 0.2,
      });
    });

    it('keeps only the latest: a later one replaces it, an older one computed late does not', async () => {
      const store = ctx.store();
      const [p] = ctx.portals();
      const older = edited((e) => {
        e.recommended = { model: 'w_shaped', reason: 'Too few closed deals (12 of 200).' };
      });
      expect(await store.saveEvaluation(p, record(10, 1, older))).toBe(true);
      expect(await store.saveEvaluation(p, record(20, 2))).toBe(true);
      expect(await store.saveEvaluation(p, record(15, 3, older))).toBe(false);
      expect(await store.latestEvaluation(p)).toEqual(record(20, 2));
      // The same computation saved again (a retried job) is stored again.
      expect(await store.saveEvaluation(p, record(20, 2, older))).toBe(true);
      expect(await store.latestEvaluation(p)).toEqual(record(20, 2, older));
    });

    it('rejects an invalid evaluation naming the field, keeping the stored one', async () => {
      const store = ctx.store();
      const [p] = ctx.portals();
      await store.saveEvaluation(p, record(5, 1));
      const cases: [EvaluationRecord, string][] = [
        [
          record(
            6,
            1,
            edited((e) => (e.models[0]!.auc = 1.2)),
          ),
          'record.evaluation.models[0].auc',
        ],
        [
          record(
            6,
            1,
            edited((e) => (e.models[1]!.logLoss = Number.NaN)),
          ),
          'record.evaluation.models[1].logLoss',
        ],
        [
          record(
            6,
            1,
            edited((e) => (e.models[3]!.id = 'markov_o1')),
          ),
          'record.evaluation.models[3].id',
        ],
        [
          record(
            6,
            1,
            edited((e) => (e.models[0]!.channelShares['webinar']!.lo = 0.9)),
          ),
          'record.evaluation.models[0].channelShares.webinar.lo',
        ],
        [
          record(
            6,
            1,
            edited((e) => (e.deals.test = 2.5)),
          ),
          'record.evaluation.deals.test',
        ],
        [
          record(
            6,
            1,
            edited((e) => {
              delete (e as Partial<Evaluation>).recommended;
            }),
          ),
          'record.evaluation.recommended',
        ],
        // Fields the contract does not name must still be JSON.
        [
          record(
            6,
            1,
            edited((e) => (e.models[2]!['fittedAt'] = new Date(0))),
          ),
          'record.evaluation.models[2].fittedAt',
        ],
        [
          record(
            6,
            1,
            edited((e) => (e['seed'] = undefined)),
          ),
          'record.evaluation.seed',
        ],
        [record(6, 1, { models: 'none' }), 'record.evaluation.deals'],
        [record(6.5, 1), 'record.computedAt'],
        [record(6, -1), 'record.settingsVersion'],
      ];
      for (const [bad, field] of cases) await expectInvalid(store.saveEvaluation(p, bad), field);
      await expectInvalid(store.saveEvaluation(0, record(6, 1)), 'portalId');
      await expectInvalid(store.latestEvaluation(-3), 'portalId');
      expect(await store.latestEvaluation(p)).toEqual(record(5, 1));
    });

    it('never shows or replaces another portal’s evaluation', async () => {
      const store = ctx.store();
      const [p1, p2] = ctx.portals();
      await store.saveEvaluation(p1, record(100, 3));
      expect(await store.latestEvaluation(p2)).toBeUndefined();
      // An older evaluation of portal 2 is its own first one, not refused by portal 1's newer one.
      expect(
        await store.saveEvaluation(
          p2,
          record(
            50,
            1,
            edited((e) => (e.deals.train = 9)),
          ),
        ),
      ).toBe(true);
      expect(await store.latestEvaluation(p1)).toEqual(record(100, 3));
      expect((await store.latestEvaluation(p2))?.computedAt).toBe(50);
    });
  });
}
