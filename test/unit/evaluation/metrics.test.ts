import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auc,
  averageRanks,
  calibration,
  logLoss,
  median,
  PROBABILITY_CLAMP,
  quantile,
  spearman,
  spearmanOfMaps,
} from '../../../src/evaluation/metrics.js';

describe('logLoss', () => {
  it('is the mean negative log-likelihood, by hand', () => {
    // −(ln .8 + ln .7 + ln .5 + ln .9) / 4 = (0.223144 + 0.356675 + 0.693147 + 0.105361) / 4
    expect(logLoss([1, 0, 1, 0], [0.8, 0.3, 0.5, 0.1])).toBeCloseTo(0.344581548, 9);
  });

  it('clamps predictions of exactly 0 and 1, so a confident miss is finite', () => {
    const miss = -Math.log(PROBABILITY_CLAMP); // 13.8155…
    expect(PROBABILITY_CLAMP).toBe(1e-6);
    expect(logLoss([0, 1], [1, 0])).toBeCloseTo(13.815510558, 8);
    expect(logLoss([0, 1], [1, 0])).toBeCloseTo(miss, 9);
    // One confident hit (≈ 1e−6) and one confident miss: the mean of the two.
    expect(logLoss([1, 1], [1, 0])).toBeCloseTo((-Math.log(1 - 1e-6) + miss) / 2, 9);
    // A confident hit costs −ln(1 − ε) ≈ ε, not 0 and not −∞.
    const hit = logLoss([1, 0], [1, 0])!;
    expect(hit).toBeGreaterThan(0);
    expect(hit).toBeCloseTo(1e-6, 9);
  });

  it('is null without deals and ln 2 for coin-flip predictions', () => {
    expect(logLoss([], [])).toBeNull();
    expect(logLoss([1, 0, 0], [0.5, 0.5, 0.5])).toBeCloseTo(Math.LN2, 12);
  });
});

describe('averageRanks', () => {
  it('gives tied values the mean of the ranks they span', () => {
    expect(Array.from(averageRanks([10, 20, 10, 30, 20]))).toEqual([1.5, 3.5, 1.5, 5, 3.5]);
    expect(Array.from(averageRanks([7, 7, 7]))).toEqual([2, 2, 2]);
    expect(Array.from(averageRanks([3, 1, 2]))).toEqual([3, 1, 2]);
  });
});

/** AUC by its definition: P(score of a won deal > score of a lost one), ties counting ½. */
function pairwiseAuc(outcomes: readonly number[], predictions: readonly number[]): number | null {
  let pairs = 0;
  let wins = 0;
  for (let i = 0; i < outcomes.length; i++) {
    if (outcomes[i] !== 1) continue;
    for (let j = 0; j < outcomes.length; j++) {
      if (outcomes[j] === 1) continue;
      pairs++;
      if (predictions[i]! > predictions[j]!) wins += 1;
      else if (predictions[i] === predictions[j]) wins += 0.5;
    }
  }
  return pairs === 0 ? null : wins / pairs;
}

describe('auc', () => {
  it('counts ties one half (Mann–Whitney with average ranks), by hand', () => {
    // Won deals score .9, .5, .5; lost ones .5, .2, .9. Pairs won > lost: .9 beats .5 and .2 and
    // ties .9 (2.5); each .5 ties .5, beats .2, loses to .9 (1.5 each): 5.5 of 9 pairs.
    expect(auc([1, 1, 0, 0, 1, 0], [0.9, 0.5, 0.5, 0.2, 0.5, 0.9])).toBeCloseTo(5.5 / 9, 12);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one and ½ for a constant score', () => {
    expect(auc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBe(1);
    expect(auc([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4])).toBe(0);
    expect(auc([1, 0, 1, 0, 0], [0.3, 0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it('is null when the deals are all won, all lost or none', () => {
    expect(auc([1, 1, 1], [0.2, 0.5, 0.9])).toBeNull();
    expect(auc([0, 0], [0.2, 0.5])).toBeNull();
    expect(auc([], [])).toBeNull();
  });

  it('equals the pairwise definition on any scores, ties included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 5 })), {
          maxLength: 40,
        }),
        (deals) => {
          const outcomes = deals.map(([y]) => y);
          const predictions = deals.map(([, p]) => p / 5); // few distinct values: many ties
          const expected = pairwiseAuc(outcomes, predictions);
          const actual = auc(outcomes, predictions);
          if (expected === null) expect(actual).toBeNull();
          else expect(actual).toBeCloseTo(expected, 12);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('calibration', () => {
  it('buckets deals by prediction and reports each bucket’s means, by hand', () => {
    // 20 deals → 2 buckets of 10. Low: predictions 0, .02, …, .18 (mean .09), one won;
    // high: .60, .62, …, .78 (mean .69), seven won. Input interleaves the two.
    const outcomes: number[] = [];
    const predictions: number[] = [];
    for (let i = 0; i < 10; i++) {
      predictions.push(0.02 * i, 0.6 + 0.02 * i);
      outcomes.push(i === 3 ? 1 : 0, i < 7 ? 1 : 0);
    }
    const buckets = calibration(outcomes, predictions)!;
    expect(buckets).toHaveLength(2);
    expect(buckets.map((b) => b.deals)).toEqual([10, 10]);
    expect(buckets[0]!.predicted).toBeCloseTo(0.09, 12);
    expect(buckets[0]!.observed).toBeCloseTo(0.1, 12);
    expect(buckets[1]!.predicted).toBeCloseTo(0.69, 12);
    expect(buckets[1]!.observed).toBeCloseTo(0.7, 12);
  });

  it('keeps a single bucket below 20 deals and at most ten (deciles)', () => {
    const one = calibration([1, 0, 0, 1, 0], [0.9, 0.1, 0.2, 0.6, 0.2])!;
    expect(one).toHaveLength(1);
    expect(one[0]!.deals).toBe(5);
    expect(one[0]!.predicted).toBeCloseTo(0.4, 12);
    expect(one[0]!.observed).toBeCloseTo(0.4, 12);
    expect(
      calibration(new Array<number>(19).fill(0), new Array<number>(19).fill(0.3)),
    ).toHaveLength(1);
    expect(
      calibration(new Array<number>(20).fill(0), new Array<number>(20).fill(0.3)),
    ).toHaveLength(2);
    expect(
      calibration(new Array<number>(1000).fill(0), new Array<number>(1000).fill(0.3)),
    ).toHaveLength(10);
    expect(calibration([], [])).toBeNull();
  });

  it('breaks ties in the prediction by input order', () => {
    // All predictions equal: the first ten deals (all won) fill the first bucket.
    const outcomes = [...new Array<number>(10).fill(1), ...new Array<number>(10).fill(0)];
    const buckets = calibration(outcomes, new Array<number>(20).fill(0.5))!;
    expect(buckets.map((b) => b.observed)).toEqual([1, 0]);
  });

  it('covers every deal once: counts sum to n, ≥ 10 each from 10 deals on, ascending means', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 300,
        }),
        (deals) => {
          const outcomes = deals.map(([won]) => (won ? 1 : 0));
          const predictions = deals.map(([, p]) => p);
          const buckets = calibration(outcomes, predictions)!;
          const n = deals.length;
          expect(buckets.reduce((s, b) => s + b.deals, 0)).toBe(n);
          expect(buckets.reduce((s, b) => s + b.observed * b.deals, 0)).toBeCloseTo(
            outcomes.reduce<number>((s, y) => s + y, 0),
            9,
          );
          expect(buckets.length).toBeLessThanOrEqual(10);
          if (n >= 10) for (const b of buckets) expect(b.deals).toBeGreaterThanOrEqual(10);
          for (let i = 1; i < buckets.length; i++) {
            expect(buckets[i]!.predicted).toBeGreaterThanOrEqual(buckets[i - 1]!.predicted);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('spearman', () => {
  it('is the Pearson correlation of average ranks with ties, by hand', () => {
    // y = 5, 6, 7, 8, 7 → ranks 1, 2, 3.5, 5, 3.5; x ranks 1..5. Deviations from the mean 3:
    // dx = −2, −1, 0, 1, 2; dy = −2, −1, .5, 2, .5. Σdx·dy = 8, Σdx² = 10, Σdy² = 9.5:
    // ρ = 8 / √95 = 0.820783… (the no-ties shortcut 1 − 6Σd²/(n³ − n) would give 0.825).
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826817, 9);
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(8 / Math.sqrt(95), 12);
  });

  it('is 1 for any increasing relation and −1 for a decreasing one', () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [0.4, 0.3, 0.2, -5])).toBeCloseTo(-1, 12);
  });

  it('is null when either side is constant, or with fewer than two points', () => {
    expect(spearman([1, 2, 3], [4, 4, 4])).toBeNull();
    expect(spearman([0, 0, 0], [1, 2, 3])).toBeNull();
    expect(spearman([1], [2])).toBeNull();
    expect(spearman([], [])).toBeNull();
  });

  it('of two maps runs over the union of their keys, a missing key counting 0', () => {
    // a: x .5, y .3, z 0 (missing); b: x .2, y .1, z .7 → ranks (3, 2, 1) vs (2, 1, 3): ρ = −½.
    const a = new Map([
      ['x', 0.5],
      ['y', 0.3],
    ]);
    const b = new Map([
      ['z', 0.7],
      ['y', 0.1],
      ['x', 0.2],
    ]);
    expect(spearmanOfMaps(a, b)).toBeCloseTo(-0.5, 12);
    expect(spearmanOfMaps(b, a)).toBeCloseTo(-0.5, 12);
    expect(spearmanOfMaps(a, a)).toBeCloseTo(1, 12);
  });
});

describe('quantile and median', () => {
  it('interpolate linearly between order statistics', () => {
    expect(quantile([0, 10, 20, 30], 0.5)).toBe(15);
    expect(quantile([0, 10, 20, 30], 0.05)).toBeCloseTo(1.5, 12); // h = 0.15
    expect(quantile([0, 10, 20, 30], 0.95)).toBeCloseTo(28.5, 12);
    expect(quantile([4], 0.95)).toBe(4);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
