import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowsFromJourneys } from '../../../src/attribution/apply-learned.js';
import type { Journey, PathSet } from '../../../src/attribution/index.js';
import { markovPredictor } from '../../../src/evaluation/predictors/markov.js';
import {
  channelsOf,
  dataDrivenShares,
  indexPaths,
  resampleCounts,
  reweighted,
  ruleShares,
  withInterval,
} from '../../../src/evaluation/shares.js';
import { closedJourneys } from '../../../src/evaluation/split.js';
import { deal } from './journeys.js';
import { syntheticJourneys } from './synthetic.js';

describe('resampleCounts', () => {
  it('draws n deals with replacement per resample, the same for a seed', () => {
    const a = resampleCounts(25, 30, 7);
    expect(a).toHaveLength(30);
    for (const counts of a) {
      expect(counts).toHaveLength(25);
      expect(counts.reduce((s, k) => s + k, 0)).toBe(25);
    }
    expect(resampleCounts(25, 30, 7)).toEqual(a);
    expect(resampleCounts(25, 30, 8)).not.toEqual(a);
    // A longer sequence starts with the shorter one: every model can use a prefix.
    expect(resampleCounts(25, 40, 7).slice(0, 30)).toEqual(a);
    expect(resampleCounts(0, 3, 1)).toEqual([
      new Uint32Array(0),
      new Uint32Array(0),
      new Uint32Array(0),
    ]);
  });
});

describe('withInterval', () => {
  it('is the 5th to 95th percentile of the resampled shares', () => {
    // 21 samples 0, .05, …, 1: the 5th percentile is h = 1 → .05, the 95th h = 19 → .95.
    const samples = Array.from({ length: 21 }, (_, i) => i / 20).reverse();
    const s = withInterval(0.5, samples);
    expect(s.share).toBe(0.5);
    expect(s.lo).toBeCloseTo(0.05, 12);
    expect(s.hi).toBeCloseTo(0.95, 12);
  });

  it('is the share itself without resamples', () => {
    expect(withInterval(0.3, [])).toEqual({ share: 0.3, lo: 0.3, hi: 0.3 });
  });

  it('reaches the share when the resampled shares lie beyond it', () => {
    // A biased share (e.g. logistic's β⁺ on a small portal) can sit outside its percentiles.
    const above = withInterval(0.1, [0.4, 0.5, 0.6, 0.7]);
    expect(above.lo).toBe(0.1);
    expect(above.hi).toBeCloseTo(0.685, 12); // h = 2.85
    const below = withInterval(1, [0, 0.2, 0.4, 0.9]);
    expect(below.lo).toBeCloseTo(0.03, 12); // h = 0.15
    expect(below.hi).toBe(1);
  });
});

describe('ruleShares', () => {
  // linear: d1 [a, b] won $100 → a 50, b 50; d2 [a] won $300 → a 300; d3 [b] lost → nothing.
  const closed = closedJourneys([
    deal('d1', ['a', 'b'], { cents: 10_000, closedDay: 1 }),
    deal('d2', ['a'], { cents: 30_000, closedDay: 2 }),
    deal('d3', ['b'], { stage: 'lost', closedDay: 3 }),
  ]);

  it('is each channel’s share of the won revenue the model attributes, by hand', () => {
    const shares = ruleShares(closed, 'linear', ['a', 'b'], []);
    expect(shares.a).toEqual({ share: 0.875, lo: 0.875, hi: 0.875 }); // 350 of 400
    expect(shares.b).toEqual({ share: 0.125, lo: 0.125, hi: 0.125 });
  });

  it('re-weights deals by their resample counts for the interval, by hand', () => {
    // Counts (d1, d2, d3): (2, 0, 1) → a ½; (0, 1, 1) → a 1; (1, 1, 1) → a ⅞.
    const resamples = [Uint32Array.of(2, 0, 1), Uint32Array.of(0, 1, 1), Uint32Array.of(1, 1, 1)];
    const shares = ruleShares(closed, 'linear', ['a', 'b'], resamples);
    // a: sorted .5, .875, 1 → 5th pct .5 + .1·.375, 95th .875 + .9·.125.
    expect(shares.a!.lo).toBeCloseTo(0.5375, 12);
    expect(shares.a!.hi).toBeCloseTo(0.9875, 12);
    // b: sorted 0, .125, .5 → .0125 and .125 + .9·.375.
    expect(shares.b!.lo).toBeCloseTo(0.0125, 12);
    expect(shares.b!.hi).toBeCloseTo(0.4625, 12);
  });

  it('gives every channel 0 when no won deal is attributed', () => {
    const onlyLost = closedJourneys([deal('l', ['a'], { stage: 'lost' }), deal('w', [])]);
    const shares = ruleShares(onlyLost, 'first_touch', ['a'], resampleCounts(2, 5, 1));
    expect(shares).toEqual({ a: { share: 0, lo: 0, hi: 0 } });
  });
});

/** conversions, nulls and value by path (names joined with >), rows of weight 0 left out. */
function byPath(paths: PathSet): Map<string, [number, number, number]> {
  const out = new Map<string, [number, number, number]>();
  for (let r = 0; r < paths.size; r++) {
    if (paths.conversions[r]! + paths.nulls[r]! === 0) continue;
    const steps = Array.from(paths.steps.subarray(paths.offsets[r], paths.offsets[r + 1]));
    out.set(steps.map((c) => paths.channels[c]).join('>'), [
      paths.conversions[r]!,
      paths.nulls[r]!,
      paths.values[r]!,
    ]);
  }
  const u = paths.unattributed;
  out.set('(empty)', [u.conversions, u.nulls, u.value]);
  return out;
}

describe('reweighted', () => {
  it('equals the path rows of the resampled deals, each drawn deal repeated', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 25 }), (seed, n) => {
        const closed = closedJourneys(
          syntheticJourneys({
            deals: n,
            seed,
            channels: [
              { id: 'a', effect: 1, weight: 1 },
              { id: 'b', effect: -1, weight: 1 },
              { id: 'c', effect: 0, weight: 1 },
            ],
            base: 0,
            touches: [0, 3],
            daysToClose: [1, 30],
          }),
        );
        const [counts] = resampleCounts(closed.length, 1, seed);
        const drawn: Journey[] = [];
        closed.forEach((j, i) => {
          for (let k = 0; k < counts![i]!; k++) drawn.push(j);
        });
        const expected = byPath(rowsFromJourneys(drawn));
        const actual = byPath(reweighted(indexPaths(closed), counts!));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe('dataDrivenShares', () => {
  it('reports a model that cannot learn as unavailable, with every share 0', () => {
    const closed = closedJourneys([
      deal('l1', ['a'], { stage: 'lost' }),
      deal('l2', ['b'], { stage: 'lost' }),
    ]);
    const shares = dataDrivenShares(
      markovPredictor(1),
      indexPaths(closed),
      channelsOf(closed),
      resampleCounts(2, 5, 1),
    );
    expect(shares.unavailable).toMatch(/conversion/);
    expect(shares.resamples).toBe(0);
    expect(shares.shares).toEqual({ a: { share: 0, lo: 0, hi: 0 }, b: { share: 0, lo: 0, hi: 0 } });
  });

  it('skips resamples the model cannot learn from and counts the others', () => {
    // One won deal of three: a resample that misses it has no conversion.
    const closed = closedJourneys([
      deal('w', ['a']),
      deal('l1', ['b'], { stage: 'lost' }),
      deal('l2', ['a', 'b'], { stage: 'lost' }),
    ]);
    const resamples = [Uint32Array.of(0, 2, 1), Uint32Array.of(1, 1, 1), Uint32Array.of(3, 0, 0)];
    const shares = dataDrivenShares(markovPredictor(1), indexPaths(closed), ['a', 'b'], resamples);
    expect(shares.resamples).toBe(2);
    expect(shares.unavailable).toBeUndefined();
  });
});
