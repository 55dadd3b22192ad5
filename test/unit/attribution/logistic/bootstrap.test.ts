import { describe, expect, it } from 'vitest';
import { bootstrapLogistic, quantile } from '../../../../src/attribution/logistic/bootstrap.js';
import { fitLogistic, type LogisticRow } from '../../../../src/attribution/logistic/fit.js';
import { PLANTED, plantedRows } from './synthetic.js';

const K = PLANTED.coefficients.length;
const OPTIONS = { l2: 1 };

/** Asymptotic standard errors: sqrt of the diagonal of the inverse penalised Hessian. */
function hessianErrors(rows: readonly LogisticRow[], k: number, l2: number): number[] {
  const fit = fitLogistic(rows, k, { l2 });
  const n = k + 1;
  const h = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const r of rows) {
    const eta = r.channels.reduce((s, c) => s + fit.coefficients[c]!, fit.intercept);
    const p = 1 / (1 + Math.exp(-eta));
    const w = (r.wins + r.losses) * p * (1 - p);
    const x = [0, ...r.channels.map((c) => c + 1)];
    for (const i of x) for (const j of x) h[i]![j]! += w;
  }
  for (let c = 1; c < n; c++) h[c]![c]! += l2;
  // Gauss–Jordan inverse.
  const a = h.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let i = 0; i < n; i++) {
    const pivot = a[i]![i]!;
    for (let j = 0; j < 2 * n; j++) a[i]![j]! /= pivot;
    for (let r = 0; r < n; r++) {
      if (r === i) continue;
      const f = a[r]![i]!;
      for (let j = 0; j < 2 * n; j++) a[r]![j]! -= f * a[i]![j]!;
    }
  }
  return Array.from({ length: k }, (_, c) => Math.sqrt(a[c + 1]![n + c + 1]!));
}

describe('bootstrapLogistic', () => {
  const rows = plantedRows(20_000, 21);

  it('is deterministic by seed and differs between seeds', () => {
    const a = bootstrapLogistic(rows, K, OPTIONS, { samples: 50, seed: 9 });
    expect(bootstrapLogistic(rows, K, OPTIONS, { samples: 50, seed: 9 })).toEqual(a);
    const b = bootstrapLogistic(rows, K, OPTIONS, { samples: 50, seed: 10 });
    expect(b.coefficients).not.toEqual(a.coefficients);
    expect(a).toMatchObject({ samples: 50, used: 50, failed: 0, level: 0.9 });
  });

  it('gives 90% intervals that contain the estimate and match the asymptotic width', () => {
    const fit = fitLogistic(rows, K, OPTIONS);
    const boot = bootstrapLogistic(rows, K, OPTIONS, { samples: 400, seed: 1 }, fit);
    const se = hessianErrors(rows, K, OPTIONS.l2);
    let covered = 0;
    boot.coefficients!.forEach(({ lo, hi }, c) => {
      const beta = fit.coefficients[c]!;
      expect(lo).toBeLessThan(beta);
      expect(hi).toBeGreaterThan(beta);
      // A 90% normal interval is ±1.645 SE: the resampling must reproduce that spread.
      const ratio = (hi - lo) / (2 * 1.645 * se[c]!);
      expect(ratio, `channel ${c}`).toBeGreaterThan(0.8);
      expect(ratio, `channel ${c}`).toBeLessThan(1.25);
      if (lo <= PLANTED.coefficients[c]! && PLANTED.coefficients[c]! <= hi) covered++;
    });
    expect(covered).toBeGreaterThanOrEqual(4); // of 6, each covered with probability ≈ 0.9
    expect(boot.intercept!.lo).toBeLessThan(fit.intercept);
    expect(boot.intercept!.hi).toBeGreaterThan(fit.intercept);
  });

  it('widens with less data (≈ √10 from 20,000 to 2,000 journeys)', () => {
    const large = bootstrapLogistic(rows, K, OPTIONS, { samples: 200, seed: 3 });
    const small = bootstrapLogistic(plantedRows(2_000, 22), K, OPTIONS, { samples: 200, seed: 3 });
    for (let c = 0; c < K; c++) {
      const wide = small.coefficients![c]!;
      const narrow = large.coefficients![c]!;
      expect(wide.hi - wide.lo, `channel ${c}`).toBeGreaterThan(2 * (narrow.hi - narrow.lo));
    }
  });

  it('keeps fractional counts at their total and skips resamples without a loss', () => {
    const few: LogisticRow[] = [
      { channels: [0], wins: 2, losses: 0 },
      { channels: [], wins: 0.5, losses: 0.5 },
    ];
    const boot = bootstrapLogistic(few, 1, OPTIONS, { samples: 100, seed: 4 });
    // 3 journeys, one half a loss: a resample draws none of it with probability (5/6)³ ≈ 0.58.
    expect(boot.failed).toBeGreaterThan(30);
    expect(boot.failed).toBeLessThan(85);
    expect(boot.used + boot.failed).toBe(100);
  });

  it('returns no intervals when no resample can be fitted', () => {
    const boot = bootstrapLogistic([{ channels: [0], wins: 3, losses: 0 }], 1, OPTIONS, {
      samples: 10,
      seed: 1,
    });
    expect(boot).toMatchObject({ used: 0, failed: 10, intercept: null, coefficients: null });
  });
});

describe('quantile', () => {
  it('interpolates between order statistics (type 7)', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    const xs = Array.from({ length: 101 }, (_, i) => i);
    expect(quantile(xs, 0.05)).toBeCloseTo(5, 12);
    expect(quantile(xs, 0.95)).toBeCloseTo(95, 12);
    expect(quantile([7], 0.05)).toBe(7);
  });
});
