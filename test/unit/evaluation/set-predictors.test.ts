// The predictors that score a journey by its distinct channel set: Shapley's smoothed set win
// rate and logistic regression.

import { describe, expect, it } from 'vitest';
import { rowsFromJourneys } from '../../../src/attribution/apply-learned.js';
import type { Journey } from '../../../src/attribution/index.js';
import { fitLogistic, type LogisticRow } from '../../../src/attribution/logistic/fit.js';
import { DEFAULT_L2 } from '../../../src/attribution/models/logistic.js';
import {
  LOGISTIC_L2,
  logisticPredictor,
  sigmoid,
} from '../../../src/evaluation/predictors/logistic.js';
import {
  SHAPLEY_SMOOTHING,
  shapleyPredictor,
  shapleySimplifiedPredictor,
} from '../../../src/evaluation/predictors/shapley.js';
import type { Predictor } from '../../../src/evaluation/predictors/predictor.js';
import { deal, deals } from './journeys.js';

const lost = { stage: 'lost' } as const;

function predictorOn(predictor: Predictor, training: readonly Journey[]) {
  const fit = predictor.fit(rowsFromJourneys(training));
  if (!fit.ok) throw new Error(fit.message);
  const predict = fit.value.predict!;
  return { fit: fit.value, p: (...channels: string[]) => predict(deal('q', channels)) };
}

describe('shapley predictor', () => {
  // Sets: {a} 3 won 1 lost; {a, b} 2 won ([a, b], [b, a, b]); {b} 2 lost; {d} 1 lost;
  // {a, c} 1 lost; one won deal without touches. Base rate b = 6 / 11; α = 5 pseudo-deals:
  // rate(S) = (wins + 5·6/11) / (deals + 5) = (wins + 30/11) / (deals + 5).
  const { p } = predictorOn(shapleyPredictor(), [
    ...deals('wa', 3, ['a']),
    deal('la', ['a'], lost),
    deal('wab', ['a', 'b']),
    deal('wbab', ['b', 'a', 'b']),
    ...deals('lb', 2, ['b'], lost),
    deal('ld', ['d'], lost),
    deal('lca', ['c', 'a'], lost),
    deal('wempty', []),
  ]);
  const rate = (wins: number, n: number) => (wins + 30 / 11) / (n + 5);

  it('smooths the win rate of a set seen in training towards the base rate', () => {
    expect(SHAPLEY_SMOOTHING).toBe(5);
    expect(p('a')).toBeCloseTo(7 / 11, 12); // (3 + 30/11) / 9
    expect(p('a', 'a', 'a')).toBeCloseTo(7 / 11, 12);
    expect(p('b', 'a')).toBeCloseTo(52 / 77, 12); // (2 + 30/11) / 7, any order of a and b
    expect(p('a', 'c')).toBeCloseTo(5 / 11, 12); // (0 + 30/11) / 6
  });

  it('pools the largest observed subsets of a set it never saw', () => {
    expect(p('a', 'd')).toBeCloseTo(rate(3, 5), 12); // {a} 3/4 + {d} 0/1 = 63/110
    expect(p('a', 'd')).toBeCloseTo(63 / 110, 12);
    expect(p('b', 'd')).toBeCloseTo(15 / 44, 12); // {b} 0/2 + {d} 0/1
    expect(p('a', 'b', 'c')).toBeCloseTo(13 / 22, 12); // {a, b} 2/2 + {a, c} 0/1 (size 2 first)
    expect(p('a', 'b', 'd')).toBeCloseTo(52 / 77, 12); // only {a, b} of the size-2 subsets
  });

  it('gives the base rate to a set with no observed subset and to unknown channels', () => {
    expect(p('c')).toBeCloseTo(6 / 11, 12); // c was only ever seen with a
    expect(p('zz')).toBeCloseTo(6 / 11, 12);
    expect(p()).toBeCloseTo(6 / 11, 12);
    expect(p('a', 'zz')).toBeCloseTo(7 / 11, 12);
  });
});

describe('shapley_simplified predictor', () => {
  it('has shares but no P(win): it never sees a lost deal', () => {
    const fit = shapleySimplifiedPredictor.fit(
      rowsFromJourneys([deal('w', ['a', 'b']), deal('l', ['b'], lost)]),
    );
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(fit.value.predict).toBeUndefined();
    const total = [...fit.value.channelShares.values()].reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(1, 12);
  });
});

describe('logistic predictor', () => {
  // Channel ids in code-unit order: a = 0, b = 1, c = 2.
  const training = [
    ...deals('wa', 3, ['a']),
    deal('la', ['a'], lost),
    ...deals('wab', 2, ['a', 'b']),
    deal('lbaa', ['b', 'a', 'a'], lost),
    deal('wb', ['b']),
    ...deals('lb', 3, ['b'], lost),
    ...deals('lc', 2, ['c'], lost),
    deal('wcb', ['c', 'b']),
    deal('lempty', [], lost),
  ];
  // The same deals aggregated by hand into channel-set rows.
  const rows: LogisticRow[] = [
    { channels: [], wins: 0, losses: 1 },
    { channels: [0], wins: 3, losses: 1 },
    { channels: [0, 1], wins: 2, losses: 1 },
    { channels: [1], wins: 1, losses: 3 },
    { channels: [2], wins: 0, losses: 2 },
    { channels: [1, 2], wins: 1, losses: 0 },
  ];
  const engine = fitLogistic(rows, 3, { l2: DEFAULT_L2 });
  const [ba, bb, bc] = engine.coefficients as unknown as [number, number, number];
  const { fit, p } = predictorOn(logisticPredictor(), training);

  it('uses the engine model’s default penalty', () => {
    expect(LOGISTIC_L2).toBe(DEFAULT_L2);
    expect(engine.converged).toBe(true);
  });

  it('predicts σ(intercept + Σ β) of the journey’s distinct known channels', () => {
    const a0 = engine.intercept;
    expect(p('a', 'b')).toBeCloseTo(sigmoid(a0 + ba + bb), 10);
    expect(p('b', 'a', 'a', 'b')).toBeCloseTo(sigmoid(a0 + ba + bb), 10);
    expect(p('a', 'b', 'c')).toBeCloseTo(sigmoid(a0 + ba + bb + bc), 10);
    expect(p('c', 'zz')).toBeCloseTo(sigmoid(a0 + bc), 10);
    expect(p()).toBeCloseTo(sigmoid(a0), 10);
    expect(p('zz')).toBeCloseTo(sigmoid(a0), 10);
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-800)).toBeGreaterThanOrEqual(0);
    expect(sigmoid(800)).toBe(1);
  });

  it('reports β as its effects and splits each won deal by the positive coefficients', () => {
    const effects = fit.effects();
    expect(effects.get('a')).toBeCloseTo(ba, 10);
    expect(effects.get('b')).toBeCloseTo(bb, 10);
    expect(effects.get('c')).toBeCloseTo(bc, 10);
    expect(ba).toBeGreaterThan(0); // a wins 5 of 7, c 1 of 3: the signs the data plant
    expect(bc).toBeLessThan(0);
    // Won rows: {a} 3, {a, b} 2, {b} 1, {b, c} 1 (7 wins with a touch).
    const pos = (x: number) => Math.max(0, x);
    const split = (x: number, y: number) => (pos(x) + pos(y) > 0 ? pos(x) / (pos(x) + pos(y)) : 0);
    const credited = 3 + 2 + (pos(bb) > 0 ? 1 : 0) + (pos(bb) + pos(bc) > 0 ? 1 : 0);
    const a = 3 + 2 * split(ba, bb);
    const b = 2 * split(bb, ba) + (pos(bb) > 0 ? 1 : 0) + split(bb, bc);
    expect(fit.channelShares.get('a')).toBeCloseTo(a / credited, 10);
    expect(fit.channelShares.get('b')).toBeCloseTo(b / credited, 10);
    expect(fit.channelShares.get('c')).toBe(0);
  });

  it('cannot learn without won or without lost deals with a touch, as the engine model', () => {
    const p = logisticPredictor();
    const noLoss = p.fit(rowsFromJourneys([deal('w1', ['a']), deal('w2', ['b'])]));
    expect(noLoss.ok).toBe(false);
    if (!noLoss.ok) expect(noLoss.error).toBe('needs_nulls');
    const noWin = p.fit(rowsFromJourneys([deal('l1', ['a'], lost), deal('w2', [])]));
    expect(noWin.ok).toBe(false);
    if (!noWin.ok) expect(noWin.error).toBe('no_conversions');
    // Nor from a fit that did not converge (here: no Newton step allowed).
    const stopped = logisticPredictor({ l2: DEFAULT_L2, maxIterations: 0 }).fit(
      rowsFromJourneys(training),
    );
    expect(stopped.ok).toBe(false);
    if (!stopped.ok) expect(stopped.error).toBe('logistic_not_converged');
  });
});
