// The shared evaluation schema (extensions/domain/api/evaluation.ts): what the store, the server and
// the settings page all check an evaluation against.

import { describe, expect, it } from 'vitest';
import {
  evaluationBodySchema,
  evaluationSchema,
  type Evaluation,
} from '../../../extensions/domain/index.js';
import { sampleEvaluation } from '../../support/evaluation.js';

const issues = (value: unknown): string[] => {
  const r = evaluationSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

function withEdit(edit: (e: Evaluation) => void): Evaluation {
  const e = structuredClone(sampleEvaluation());
  edit(e);
  return e;
}

describe('evaluationSchema', () => {
  it('accepts the computation’s output, rule models without scores, and keeps extra fields', () => {
    const parsed = evaluationSchema.parse(sampleEvaluation());
    expect(parsed).toEqual(sampleEvaluation());
    expect(parsed['seed']).toBe(7);
    expect(parsed.models.find((m) => m.id === 'w_shaped')).toMatchObject({
      logLoss: null,
      auc: null,
      calibration: null,
    });
  });

  it('names each number of the wrong type or out of its range', () => {
    expect(
      issues(
        withEdit((e) => {
          e.baseline.winRate = 1.5;
          (e.models[0] as { auc: unknown }).auc = '0.7';
          e.models[1]!.calibration = [{ predicted: 0.2, observed: -0.1, deals: 3 }];
          e.agreement[0]!.spearman = 1.01;
          e.cutoff = Number.POSITIVE_INFINITY;
        }),
      ),
    ).toEqual([
      'cutoff: Invalid input: expected number, received Infinity',
      'baseline.winRate: must be ≤ 1',
      'models.0.auc: Invalid input: expected number, received string',
      'models.1.calibration.0.observed: must be ≥ 0',
      'agreement.0.spearman: must be ≤ 1',
    ]);
  });

  it('refuses a repeated model id and an interval whose lo exceeds its hi', () => {
    expect(issues(withEdit((e) => (e.models[2]!.id = 'shapley')))).toEqual([
      'models.2.id: repeats "shapley"',
    ]);
    expect(
      issues(
        withEdit((e) => (e.models[0]!.channelShares['webinar'] = { share: 0.3, lo: 0.4, hi: 0.2 })),
      ),
    ).toEqual(['models.0.channelShares.webinar.lo: lo must be ≤ hi']);
  });
});

describe('evaluationBodySchema', () => {
  it('is either the stored evaluation or a reason there is none', () => {
    const ok = {
      status: 'ok',
      portalId: 1,
      computedAt: 5,
      settingsVersion: 2,
      evaluation: sampleEvaluation(),
    };
    expect(evaluationBodySchema.parse(ok)).toEqual(ok);
    const none = { status: 'not_evaluated', portalId: 1, reason: 'Not computed yet.' };
    expect(evaluationBodySchema.parse(none)).toEqual(none);
    expect(evaluationBodySchema.safeParse({ ...none, status: 'pending' }).success).toBe(false);
    expect(evaluationBodySchema.safeParse({ ...ok, evaluation: {} }).success).toBe(false);
    expect(evaluationBodySchema.safeParse({ ...none, reason: '' }).success).toBe(false);
  });
});
