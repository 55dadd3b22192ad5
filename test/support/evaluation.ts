// A portal evaluation as the computation (src/evaluation/) hands it over and the CLI's
// `evaluate --json` prints it: data-driven models with held-out scores, rule models without,
// extra fields the contract does not name, and numbers that test exact round trips.

import type { Evaluation } from '../../extensions/domain/index.js';
import type { JsonValue } from '../../src/store/index.js';

const shares = (
  entries: readonly (readonly [string, number, number, number])[],
): Evaluation['models'][number]['channelShares'] =>
  Object.fromEntries(entries.map(([c, share, lo, hi]) => [c, { share, lo, hi }]));

export function sampleEvaluation(): Evaluation {
  return {
    deals: { train: 412, test: 103 },
    cutoff: Date.UTC(2025, 2, 1),
    baseline: { logLoss: 0.5412, auc: 0.5, winRate: 0.2346 },
    models: [
      {
        id: 'markov_o1',
        logLoss: 0.5123,
        auc: 0.6712,
        calibration: [
          { predicted: 0.1, observed: 0.12, deals: 40 },
          { predicted: 0.35, observed: 0.31, deals: 63 },
        ],
        channelShares: shares([
          ['paid_search', 0.4012, 0.3518, 0.4489],
          ['webinar', 0.3488, 0.2976, 0.4021],
          ['organic_search', 0.25, 0.2011, 0.2994],
        ]),
      },
      {
        id: 'shapley',
        logLoss: 0.5301,
        auc: 0.6234,
        calibration: null,
        channelShares: shares([
          ['paid_search', 0.3333, 0.28, 0.39],
          ['webinar', 0.4444, 0.38, 0.5],
          ['organic_search', 0.2223, 0.17, 0.27],
        ]),
      },
      {
        id: 'logistic',
        logLoss: 0.4876,
        auc: 0.7106,
        calibration: [{ predicted: 0.2, observed: 0.21, deals: 103 }],
        // 0.1 + 0.2, 2 / 11 and 1e-7: doubles that must come back bit for bit.
        channelShares: shares([
          ['paid_search', 0.30000000000000004, 0.2412, 0.3587],
          ['webinar', 0.5187, 0.4499, 0.5803],
          ['organic_search', 2 / 11, 1e-7, 0.2401],
        ]),
        coefficients: { paid_search: 0.61, webinar: 1.02, organic_search: 0.2 },
      },
      {
        id: 'w_shaped',
        logLoss: null,
        auc: null,
        calibration: null,
        channelShares: shares([
          ['paid_search', 0.38, 0.33, 0.43],
          ['webinar', 0.27, 0.22, 0.33],
          ['organic_search', 0.35, 0.3, 0.4],
        ]),
      },
    ],
    agreement: [
      { a: 'markov_o1', b: 'shapley', spearman: 0.5 },
      { a: 'markov_o1', b: 'logistic', spearman: 1 },
      { a: 'shapley', b: 'logistic', spearman: 0.5 },
      { a: 'logistic', b: 'w_shaped', spearman: -0.5 },
    ],
    recommended: {
      model: 'logistic',
      reason:
        'Logistic regression beats the base rate on 103 held-out deals (log-loss 0.488 vs 0.541).',
    },
    seed: 7,
  };
}

/** The sample as the store takes it (a JSON document). */
export const sampleEvaluationJson = (): JsonValue => sampleEvaluation() as unknown as JsonValue;
