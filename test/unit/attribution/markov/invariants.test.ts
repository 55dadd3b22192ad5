// The §7 invariants that concern the Markov model, as properties over random path sets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markov } from '../../../../src/attribution/models/markov.js';
import type { LearnedModel } from '../../../../src/attribution/models/model.js';
import { pathSetFromRows } from '../../../../src/attribution/paths/path-set.js';

interface Row {
  path: string[];
  conversions: number;
  nulls: number;
  value: number;
}
const row = fc.record({
  path: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 6 }),
  conversions: fc.integer({ min: 0, max: 4 }),
  nulls: fc.integer({ min: 0, max: 4 }),
  value: fc.integer({ min: 0, max: 1000 }),
});
const rows = fc.array(row, { minLength: 1, maxLength: 10 });
const order = fc.integer({ min: 1, max: 3 });
const RUNS = { numRuns: 50 };

function run(input: readonly Row[], k: number, useNulls: boolean): LearnedModel | undefined {
  const r = markov.learn(pathSetFromRows(input), { order: k, useNulls });
  if (!r.ok) {
    expect(r.error).toBe('no_conversions');
    return undefined;
  }
  return r.value;
}
const credit = (m: LearnedModel, channel: string) => m.channels.find((c) => c.channel === channel)!;
const close = (a: number, b: number, rel: number) => {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(Math.abs(a), Math.abs(b), 1e-12));
};

describe('Markov invariants (§7)', () => {
  it('keeps 0 ≤ RE ≤ 1 and sums credits to C_tot and V_tot', () => {
    fc.assert(
      fc.property(rows, order, fc.boolean(), (input, k, useNulls) => {
        const m = run(input, k, useNulls);
        if (!m) return;
        let conv = 0;
        let value = 0;
        for (const c of m.channels) {
          expect(c.removalEffect).toBeGreaterThanOrEqual(0);
          expect(c.removalEffect).toBeLessThanOrEqual(1);
          expect(c.conversions).toBeGreaterThanOrEqual(0);
          conv += c.conversions;
          value += c.value;
        }
        close(conv, m.totalConversions, 1e-9);
        close(value, m.totalValue, 1e-9);
        // Every channel of the paths appears, in code-unit order, even one in no state.
        const listed = m.channels.map((c) => c.channel);
        expect(listed).toEqual(pathSetFromRows(input).channels);
        for (const r of input)
          if (r.conversions + r.nulls > 0) expect(listed).toEqual(expect.arrayContaining(r.path));
      }),
      RUNS,
    );
  });

  it('is bit-identical for any row order', () => {
    fc.assert(
      fc.property(rows, order, fc.boolean(), fc.integer(), (input, k, useNulls, seed) => {
        const shuffled = [...input]
          .map((r, i) => ({ r, key: Math.sin(seed + i * 7.1) }))
          .sort((x, y) => x.key - y.key)
          .map((x) => x.r);
        expect(run(shuffled, k, useNulls)).toStrictEqual(run(input, k, useNulls));
      }),
      RUNS,
    );
  });

  it('scaling conv, null and value by λ keeps RE and scales credits', () => {
    fc.assert(
      fc.property(
        rows,
        order,
        fc.boolean(),
        fc.constantFrom(0.5, 3, 1e3, 0.1),
        (input, k, useNulls, lambda) => {
          const m = run(input, k, useNulls);
          if (!m) return;
          const scaled = run(
            input.map((r) => ({
              ...r,
              conversions: r.conversions * lambda,
              nulls: r.nulls * lambda,
              value: r.value * lambda,
            })),
            k,
            useNulls,
          )!;
          for (const c of m.channels) {
            const s = credit(scaled, c.channel);
            expect(Math.abs(s.removalEffect! - c.removalEffect!)).toBeLessThanOrEqual(1e-9);
            close(s.conversions, c.conversions * lambda, 1e-9);
            close(s.value, c.value * lambda, 1e-9);
          }
        },
      ),
    );
  });

  it('splitting a row into equal-path rows changes nothing', () => {
    fc.assert(
      fc.property(rows, order, fc.boolean(), (input, k, useNulls) => {
        const split = input.flatMap((r) => [
          { ...r, conversions: r.conversions / 2, nulls: r.nulls / 2, value: r.value / 2 },
          { ...r, conversions: r.conversions / 2, nulls: r.nulls / 2, value: r.value / 2 },
        ]);
        const a = run(input, k, useNulls);
        const b = run(split, k, useNulls);
        if (!a || !b) {
          expect(a).toEqual(b);
          return;
        }
        for (const c of a.channels) {
          const s = credit(b, c.channel);
          close(s.conversions, c.conversions, 1e-12);
          close(s.value, c.value, 1e-12);
        }
      }),
      RUNS,
    );
  });

  it('renaming channels renames credits', () => {
    const rename: Record<string, string> = { a: 'zeta', b: 'Beta', c: 'c"q', d: 'alpha' };
    fc.assert(
      fc.property(rows, order, fc.boolean(), (input, k, useNulls) => {
        const a = run(input, k, useNulls);
        const b = run(
          input.map((r) => ({ ...r, path: r.path.map((c) => rename[c]!) })),
          k,
          useNulls,
        );
        if (!a || !b) {
          expect(a).toEqual(b);
          return;
        }
        // Order 1 uses one dense inversion (exact up to rounding): 1e−12 relative. Higher orders
        // stop at a 1e−12 bracket on p_c, so RE_c = 1 − p_c/p is exact to ≈1e−12 absolute.
        for (const c of a.channels) {
          const s = credit(b, rename[c.channel]!);
          if (k === 1) {
            close(s.conversions, c.conversions, 1e-12);
            close(s.value, c.value, 1e-12);
          } else {
            expect(Math.abs(s.conversions - c.conversions)).toBeLessThanOrEqual(
              1e-9 * a.totalConversions,
            );
            expect(Math.abs(s.removalEffect! - c.removalEffect!)).toBeLessThanOrEqual(1e-11);
          }
        }
      }),
      RUNS,
    );
  });

  it('order 1 ignores consecutive repeats', () => {
    fc.assert(
      fc.property(rows, fc.boolean(), fc.integer({ min: 0, max: 5 }), (input, useNulls, at) => {
        const repeated = input.map((r) => {
          const i = at % r.path.length;
          return { ...r, path: [...r.path.slice(0, i + 1), r.path[i]!, ...r.path.slice(i + 1)] };
        });
        const a = run(input, 1, useNulls);
        const b = run(repeated, 1, useNulls);
        if (!a || !b) {
          expect(a).toEqual(b);
          return;
        }
        for (const c of a.channels) {
          close(credit(b, c.channel).conversions, c.conversions, 1e-12);
        }
      }),
      RUNS,
    );
  });
});
