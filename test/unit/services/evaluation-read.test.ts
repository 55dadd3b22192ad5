// The read service behind GET /evaluation: the stored evaluation as the contract describes it, or
// a reason — including for a stored document this version of the app cannot read.

import { describe, expect, it } from 'vitest';
import {
  createEvaluationReadService,
  NOT_EVALUATED_YET,
} from '../../../src/services/evaluation-read.js';
import type { EvaluationRecord, JsonValue, Store } from '../../../src/store/index.js';
import { sampleEvaluation, sampleEvaluationJson } from '../../support/evaluation.js';

function storeWith(records: Readonly<Record<number, EvaluationRecord>>) {
  const asked: number[] = [];
  const store: Pick<Store, 'latestEvaluation'> = {
    latestEvaluation: (portalId) => {
      asked.push(portalId);
      return Promise.resolve(records[portalId]);
    },
  };
  return { store, asked };
}

describe('evaluation read service', () => {
  it('answers the stored evaluation of the asked portal with when and under which settings', async () => {
    const { store, asked } = storeWith({
      7: { computedAt: 99, settingsVersion: 3, evaluation: sampleEvaluationJson() },
    });
    const svc = createEvaluationReadService({ store });
    expect(await svc.evaluation(7)).toEqual({
      status: 'ok',
      portalId: 7,
      computedAt: 99,
      settingsVersion: 3,
      evaluation: sampleEvaluation(),
    });
    expect(await svc.evaluation(8)).toEqual({
      status: 'not_evaluated',
      portalId: 8,
      reason: NOT_EVALUATED_YET,
    });
    expect(asked).toEqual([7, 8]);
  });

  it('does not pass on a stored document that breaks the contract, and says why', async () => {
    const old = { ...sampleEvaluation(), models: [{ id: 'markov', auc: 'high' }] };
    const { store } = storeWith({
      7: { computedAt: 1, settingsVersion: 1, evaluation: old as unknown as JsonValue },
    });
    const problems: string[] = [];
    const svc = createEvaluationReadService({
      store,
      onUnreadable: (portalId, problem) => problems.push(`${String(portalId)} ${problem}`),
    });
    const body = await svc.evaluation(7);
    expect(body).toMatchObject({ status: 'not_evaluated', portalId: 7 });
    expect(body.status === 'not_evaluated' ? body.reason : '').toMatch(
      /next recompute replaces it/,
    );
    expect(problems).toEqual([
      '7 models.0.logLoss: Invalid input: expected number, received undefined',
    ]);
  });
});
