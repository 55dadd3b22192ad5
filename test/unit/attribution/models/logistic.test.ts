import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitLogistic, logisticRowsFromPathSet } from '../../../../src/attribution/logistic/fit.js';
import { logistic, logisticOptions } from '../../../../src/attribution/models/logistic.js';
import type { LearnedModel } from '../../../../src/attribution/models/model.js';
import { type PathRow, pathSetFromRows } from '../../../../src/attribution/paths/path-set.js';
import { PLANTED, plantedPaths } from '../logistic/synthetic.js';
import { readReferenceText } from '../../../fixtures/reference.js';
import { expectNonNegativeAndConserving, rel, shuffledBy } from './learned-invariants.js';

function learn(rows: readonly PathRow[], options: object = {}): LearnedModel {
  const r = logistic.learn(pathSetFromRows(rows), logisticOptions.parse(options));
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
const by = <K extends 'conversions' | 'value' | 'coefficient'>(m: LearnedModel, key: K) =>
  Object.fromEntries(m.channels.map((c) => [c.channel, c[key]]));

const CHANNELS = ['a', 'b', 'c', 'd', 'e'];
const rowsArb = fc
  .array(
    fc
      .record({
        path: fc.array(fc.constantFrom(...CHANNELS), { minLength: 1, maxLength: 6 }),
        conversions: fc.integer({ min: 0, max: 9 }),
        nulls: fc.integer({ min: 0, max: 9 }),
        value: fc.integer({ min: 0, max: 1000 }).map((x) => x / 8),
      })
      .map((r) => (r.conversions > 0 ? r : { ...r, value: 0 })),
    { minLength: 1, maxLength: 12 },
  )
  .filter((rows) => rows.some((r) => r.conversions > 0) && rows.some((r) => r.nulls > 0));

describe('logistic options', () => {
  it('defaults to l2 = 1, 200 bootstrap resamples, seed 1', () => {
    expect(logisticOptions.parse({})).toEqual({ l2: 1, bootstrap: 200, seed: 1 });
  });

  it('rejects bad options with a message naming the field', () => {
    const bad = [
      { l2: 0 },
      { l2: -1 },
      { l2: 'x' },
      { l2: Infinity },
      { bootstrap: 1.5 },
      { bootstrap: -1 },
      { bootstrap: 20_000 },
      { seed: -1 },
      { seed: 2 ** 32 },
    ];
    for (const options of bad) {
      const r = logisticOptions.safeParse(options);
      const field = Object.keys(options)[0]!;
      expect(r.success, JSON.stringify(options)).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual([field]);
      expect(r.error?.issues[0]?.message).toContain(field);
    }
    expect(logisticOptions.safeParse({ order: 2 }).success).toBe(false);
  });
});

describe('logistic', () => {
  it('answers needs_nulls without non-converting journeys, no_conversions without conversions', () => {
    const zhao = JSON.parse(readReferenceText('zhao-journeys.json')) as number[][];
    const noNulls = logistic.learn(
      pathSetFromRows(zhao.map((j) => ({ path: j.map(String), conversions: 1 }))),
      logisticOptions.parse({}),
    );
    expect(noNulls).toMatchObject({ ok: false, error: 'needs_nulls' });
    if (!noNulls.ok) expect(noNulls.message).toMatch(/non-converting/);
    const noConv = logistic.learn(
      pathSetFromRows([{ path: ['a'], conversions: 0, nulls: 3 }]),
      logisticOptions.parse({}),
    );
    expect(noConv).toMatchObject({ ok: false, error: 'no_conversions' });
  });

  it('reports the fit of logisticRowsFromPathSet: intercept, coefficients and options', () => {
    const rows = plantedPaths(3_000, 2);
    const m = learn(rows, { l2: 2, bootstrap: 0 });
    const paths = pathSetFromRows(rows);
    const { rows: design, channels } = logisticRowsFromPathSet(paths);
    const fit = fitLogistic(design, channels.length, { l2: 2 });
    expect(m.intercept).toBe(fit.intercept);
    expect(m.channels.map((c) => c.coefficient)).toEqual([...fit.coefficients]);
    expect(m).toMatchObject({ model: 'logistic', l2: 2, bootstrap: 0 });
    expect(m.seed).toBeUndefined();
    for (const c of m.channels) expect(c.interval).toBeUndefined();
  });

  it('recovers the planted signs and order of effects from 50,000 journeys', () => {
    const m = learn(plantedPaths(50_000, 8), { bootstrap: 0 });
    const beta = by(m, 'coefficient');
    PLANTED.coefficients.forEach((b, c) => {
      if (Math.abs(b) >= 0.2) expect(Math.sign(beta[`c${c}`]!), `c${c}`).toBe(Math.sign(b));
    });
    const ranked = Object.entries(beta)
      .sort((x, y) => y[1]! - x[1]!)
      .map(([k]) => k);
    expect(ranked.slice(0, 2)).toEqual(['c4', 'c0']); // planted 1.4 and 0.9
  });

  it('credits by positive coefficients; paths without one are split over their touches', () => {
    const rows = [
      ...plantedPaths(4_000, 3),
      { path: ['c1', 'c1', 'c5'], conversions: 6, nulls: 1 },
    ];
    const m = learn(rows, { bootstrap: 0 });
    const beta = by(m, 'coefficient');
    expect(beta.c1).toBeLessThan(0);
    expect(beta.c5).toBeLessThan(0);
    // Reference: every row by hand.
    const expected: Record<string, number> = {};
    for (const r of rows) {
      const distinct = [...new Set(r.path)];
      const positive = distinct.reduce((s, c) => s + Math.max(beta[c]!, 0), 0);
      for (const c of distinct) {
        const share =
          positive > 0
            ? Math.max(beta[c]!, 0) / positive
            : r.path.filter((x) => x === c).length / r.path.length;
        expected[c] = (expected[c] ?? 0) + share * r.conversions;
      }
    }
    for (const [c, x] of Object.entries(by(m, 'conversions'))) {
      expect(rel(x, expected[c] ?? 0), c).toBeLessThan(1e-9);
    }
    expect(by(m, 'conversions').c1).toBeGreaterThanOrEqual(4); // 6 · 2/3 from the added path
    expect(m.warnings.join('\n')).toMatch(/do not raise the odds of a win .*: c1, (c3, )?c5$/m);
    expect(m.warnings.join('\n')).toMatch(/split equally over their touches/);
  });

  it('is non-negative, conserves the totals and is bit-identical for any row order', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer(), (rows, seed) => {
        const m = learn(rows, { bootstrap: 5 });
        expect(learn(shuffledBy(rows, seed), { bootstrap: 5 })).toEqual(m);
        expectNonNegativeAndConserving(m);
        for (const c of m.channels) {
          if (!(c.coefficient! > 0)) {
            // only fallback paths (no positive channel) can give such a channel credit
            const own = rows.filter((r) => r.path.includes(c.channel) && r.conversions > 0);
            const positive = own.filter((r) => r.path.some((x) => by(m, 'coefficient')[x]! > 0));
            if (own.length === positive.length) expect(c.conversions).toBe(0);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('ignores row splits and renames credits with the channels', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const m = learn(rows, { bootstrap: 0 });
        const split = learn(
          rows.flatMap((r) => [
            { ...r, conversions: r.conversions / 4, nulls: r.nulls / 4, value: r.value / 4 },
            {
              ...r,
              conversions: (r.conversions * 3) / 4,
              nulls: (r.nulls * 3) / 4,
              value: (r.value * 3) / 4,
            },
          ]),
          { bootstrap: 0 },
        );
        const renamed = learn(
          rows.map((r) => ({ ...r, path: r.path.map((c) => `z${c}`) })),
          { bootstrap: 0 },
        );
        m.channels.forEach((c, i) => {
          expect(rel(split.channels[i]!.conversions, c.conversions)).toBeLessThan(1e-12);
          expect(rel(split.channels[i]!.coefficient!, c.coefficient!)).toBeLessThan(1e-9);
          expect(renamed.channels[i]).toEqual({ ...c, channel: `z${c.channel}` });
        });
      }),
      { numRuns: 60 },
    );
  });

  it('gives each channel its observed conversions and value when all paths have length 1', () => {
    const m = learn([
      { path: ['a'], conversions: 3, nulls: 1, value: 10 },
      { path: ['b'], conversions: 0.5, nulls: 2, value: 2.5 },
      { path: ['c'], conversions: 0, nulls: 4 },
      { path: ['a'], conversions: 1, value: 1 },
    ]);
    expect(by(m, 'conversions')).toEqual({ a: 4, b: 0.5, c: 0 });
    expect(by(m, 'value')).toEqual({ a: 11, b: 2.5, c: 0 });
  });

  it('is deterministic by seed: intervals change with the seed, the estimate does not', () => {
    const rows = plantedPaths(3_000, 4);
    const a = learn(rows, { bootstrap: 60, seed: 5 });
    expect(learn(rows, { bootstrap: 60, seed: 5 })).toEqual(a);
    const b = learn(rows, { bootstrap: 60, seed: 6 });
    expect(b.seed).toBe(6);
    expect(b.channels.map((c) => c.coefficient)).toEqual(a.channels.map((c) => c.coefficient));
    expect(b.channels.map((c) => c.interval)).not.toEqual(a.channels.map((c) => c.interval));
    for (const c of a.channels) {
      expect(c.interval!.lo).toBeLessThan(c.coefficient!);
      expect(c.interval!.hi).toBeGreaterThan(c.coefficient!);
    }
  });
});
