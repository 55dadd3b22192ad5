import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitLogistic,
  logisticRowsFromPathSet,
  type LogisticRow,
} from '../../../../src/attribution/logistic/fit.js';
import { pathSetFromRows } from '../../../../src/attribution/paths/path-set.js';
import { PLANTED, penalisedGradient, plantedRows } from './synthetic.js';

const K = PLANTED.coefficients.length;
const journeys = (rows: readonly LogisticRow[]) => rows.reduce((s, r) => s + r.wins + r.losses, 0);

/** Plain gradient descent with step 1/L, L = 0.25 · Σ n_r (1 + |S_r|) + λ ≥ ‖Hessian‖. */
function gradientDescent(rows: readonly LogisticRow[], k: number, l2: number, steps: number) {
  const lipschitz = rows.reduce(
    (s, r) => s + 0.25 * (r.wins + r.losses) * (1 + r.channels.length),
    l2,
  );
  let intercept = 0;
  const beta = new Array<number>(k).fill(0);
  for (let t = 0; t < steps; t++) {
    const g = penalisedGradient(rows, k, l2, intercept, beta);
    intercept -= g[0]! / lipschitz;
    for (let c = 0; c < k; c++) beta[c]! -= g[c + 1]! / lipschitz;
  }
  return { intercept, beta };
}

const rowsArb = (k: number) =>
  fc
    .array(
      fc.record({
        channels: fc.uniqueArray(fc.integer({ min: 0, max: k - 1 }), { maxLength: k }),
        wins: fc.integer({ min: 0, max: 30 }),
        losses: fc.integer({ min: 0, max: 30 }),
      }),
      { minLength: 1, maxLength: 15 },
    )
    .filter((rows) => rows.some((r) => r.wins > 0) && rows.some((r) => r.losses > 0));

describe('fitLogistic', () => {
  it('stops where the penalised gradient is 0 (KKT), for any data with wins and losses', () => {
    fc.assert(
      fc.property(rowsArb(5), fc.constantFrom(0.01, 1, 30), (rows, l2) => {
        const fit = fitLogistic(rows, 5, { l2 });
        expect(fit.converged).toBe(true);
        const g = penalisedGradient(rows, 5, l2, fit.intercept, fit.coefficients);
        const n = journeys(rows);
        for (const x of g) expect(Math.abs(x)).toBeLessThanOrEqual(1e-9 * n);
        expect(fit.maxGradient).toBeLessThanOrEqual(1e-10 * n);
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with an independent gradient descent on small data', () => {
    const rows = plantedRows(300, 11, {
      ...PLANTED,
      coefficients: [0.8, -0.5, 0.4],
      reach: [0.5, 0.4, 0.6],
    });
    for (const l2 of [0.5, 2]) {
      const fit = fitLogistic(rows, 3, { l2 });
      const gd = gradientDescent(rows, 3, l2, 60_000);
      expect(Math.abs(fit.intercept - gd.intercept)).toBeLessThan(1e-7);
      for (let c = 0; c < 3; c++)
        expect(Math.abs(fit.coefficients[c]! - gd.beta[c]!)).toBeLessThan(1e-7);
    }
  });

  it('recovers the planted coefficients from 400,000 journeys with a small penalty', () => {
    const rows = plantedRows(400_000, 7);
    const fit = fitLogistic(rows, K, { l2: 1e-3 });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(15);
    // Standard errors here are ≈ 0.01: 0.05 is five of them.
    expect(Math.abs(fit.intercept - PLANTED.intercept)).toBeLessThan(0.05);
    PLANTED.coefficients.forEach((beta, c) => {
      expect(Math.abs(fit.coefficients[c]! - beta), `channel ${c}`).toBeLessThan(0.05);
    });
  });

  it('shrinks the coefficients towards 0 as the penalty grows, never the intercept alone', () => {
    const rows = plantedRows(2_000, 3);
    const norms = [0.01, 1, 100, 10_000].map((l2) => {
      const f = fitLogistic(rows, K, { l2 });
      return Math.hypot(...f.coefficients);
    });
    for (let i = 1; i < norms.length; i++) expect(norms[i]).toBeLessThan(norms[i - 1]!);
    // With an overwhelming penalty the intercept is the plain log-odds of a win.
    const wins = rows.reduce((s, r) => s + r.wins, 0);
    const f = fitLogistic(rows, K, { l2: 1e12 });
    expect(f.intercept).toBeCloseTo(Math.log(wins / (journeys(rows) - wins)), 6);
  });

  it('is bit-identical on the same rows, and the same to 1e−9 in any row order', () => {
    const rows = plantedRows(5_000, 5);
    const a = fitLogistic(rows, K, { l2: 1 });
    expect(fitLogistic(rows, K, { l2: 1 })).toEqual(a);
    const b = fitLogistic([...rows].reverse(), K, { l2: 1 });
    for (let c = 0; c < K; c++)
      expect(Math.abs(b.coefficients[c]! - a.coefficients[c]!)).toBeLessThan(1e-9);
  });

  it('converges without a penalty when two channels always co-occur (damped, singular Hessian)', () => {
    // 0 and 1 only ever appear together: only β0 + β1 is identified.
    const rows: LogisticRow[] = [
      { channels: [0, 1], wins: 30, losses: 10 },
      { channels: [2], wins: 10, losses: 30 },
      { channels: [], wins: 20, losses: 20 },
    ];
    const fit = fitLogistic(rows, 3, { l2: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]! + fit.coefficients[1]!).toBeCloseTo(Math.log(3), 8);
    expect(fit.coefficients[2]!).toBeCloseTo(Math.log(1 / 3), 8);
    expect(fit.intercept).toBeCloseTo(0, 8);
  });

  it('reports no convergence when there are no losses (no finite optimum)', () => {
    const fit = fitLogistic([{ channels: [0], wins: 5, losses: 0 }], 1, {
      l2: 1,
      maxIterations: 30,
    });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(0);
    const none = fitLogistic([{ channels: [0], wins: 0, losses: 5 }], 1, { l2: 1 });
    expect(none.converged).toBe(false);
  });

  it('refuses ids out of range, duplicates and negative counts', () => {
    expect(() => fitLogistic([{ channels: [2], wins: 1, losses: 1 }], 2, { l2: 1 })).toThrow(
      RangeError,
    );
    expect(() => fitLogistic([{ channels: [1, 1], wins: 1, losses: 1 }], 2, { l2: 1 })).toThrow(
      /twice/,
    );
    expect(() => fitLogistic([{ channels: [], wins: -1, losses: 1 }], 2, { l2: 1 })).toThrow(
      RangeError,
    );
    expect(() => fitLogistic([], 2, { l2: -1 })).toThrow(/l2/);
  });
});

describe('logisticRowsFromPathSet', () => {
  it('aggregates paths by distinct channel set: wins = conversions, losses = nulls', () => {
    const paths = pathSetFromRows([
      { path: ['b', 'a'], conversions: 2, nulls: 1 },
      { path: ['a', 'b', 'a'], conversions: 1, nulls: 3 },
      { path: ['c'], conversions: 0, nulls: 2 },
      { path: ['c', 'c'], conversions: 1, nulls: 0 },
    ]);
    const { rows, channels } = logisticRowsFromPathSet(paths);
    expect(channels).toEqual(['a', 'b', 'c']);
    const bySet = Object.fromEntries(rows.map((r) => [r.channels.join(','), [r.wins, r.losses]]));
    expect(bySet).toEqual({ '0,1': [3, 4], '2': [1, 2] });
  });
});
