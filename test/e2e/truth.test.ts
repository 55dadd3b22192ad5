// Planted-truth recovery on a medium sandbox portal (≈ 88k records, 2.6k closed deals), synced
// with the app's default rules: the logistic model's channel effects must rank the channels as
// the planted effects do (Spearman's ρ ≥ 0.9), better than every rule model and Markov; the
// planted revivals must mostly carry the reactivation flag on the planted touch. Fails if the
// models, the channel vocabulary or the journey assembly regress. Figures: bench/truth.ts.

import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_MODEL_IDS } from '../../src/domain/index.js';
import { truthRecovery, type TruthFigures } from '../support/truth.js';

let medium: TruthFigures;

beforeAll(async () => {
  medium = await truthRecovery('medium', 1);
}, 240_000);

describe('planted-truth recovery on a medium portal', () => {
  it('has enough closed deals to judge', () => {
    expect(medium.closedDeals).toBeGreaterThan(2000);
  });

  it('logistic ranks the channels as planted (ρ ≥ 0.9)', () => {
    expect(medium.rho.logistic).toBeGreaterThanOrEqual(0.9);
  });

  it('logistic recovers the truth better than every rule model and every Markov order', () => {
    const logistic = medium.rho.logistic!;
    const others = [
      ...RULE_MODEL_IDS.filter((m) => m !== 'custom'),
      'markov_o1',
      'markov_o2',
      'markov_o3',
    ];
    for (const m of others) {
      expect(medium.rho[m], m).not.toBeUndefined();
      expect(medium.rho[m] ?? -1, m).toBeLessThan(logistic - 0.3);
    }
  });

  it('reports every data-driven model', () => {
    for (const m of ['markov_o1', 'markov_o2', 'markov_o3', 'shapley', 'shapley_simplified']) {
      expect(typeof medium.rho[m], m).toBe('number');
    }
  });

  it('finds most planted revivals on the planted touch', () => {
    expect(medium.revivals.planted).toBeGreaterThan(100);
    expect(medium.revivals.flagged / medium.revivals.planted).toBeGreaterThanOrEqual(0.6);
  });
});
