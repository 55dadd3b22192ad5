import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shapleySimplified } from '../../../../src/attribution/models/shapley-simplified.js';
import type { LearnedModel } from '../../../../src/attribution/models/model.js';
import { type PathRow, pathSetFromRows } from '../../../../src/attribution/paths/path-set.js';
import { expectNonNegativeAndConserving, rel, shuffledBy } from './learned-invariants.js';
import { readReferenceText } from '../../../fixtures/reference.js';

type Row = PathRow;

const fixtures = JSON.parse(readReferenceText('fixtures.json')) as {
  eeghor_mta_shapley_fixtures: {
    cases: {
      input: { path: string; total_conversions: number; total_null: number }[];
      expected_published: Record<string, number>;
    }[];
  };
};

function learn(rows: readonly Row[]): LearnedModel {
  const r = shapleySimplified.learn(pathSetFromRows(rows), {});
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const byChannel = (m: LearnedModel, field: 'conversions' | 'value') =>
  Object.fromEntries(m.channels.map((c) => [c.channel, c[field]]));

/**
 * Independent check of §4.3's claim: the Shapley value, by brute force over every order of ALL
 * channels, of the game v(S) = Σ_{T⊆S} R(T), R(T) = conversions (or value) with channel set T.
 */
function bruteForce(rows: readonly Row[], field: 'conversions' | 'value'): Map<string, number> {
  const players = [...new Set(rows.flatMap((r) => r.path))].sort();
  const R = rows
    .filter((r) => r.path.length > 0)
    .map((r) => ({ set: new Set(r.path), x: field === 'value' ? (r.value ?? 0) : r.conversions }));
  const v = (s: ReadonlySet<string>) =>
    R.reduce((a, r) => ([...r.set].every((c) => s.has(c)) ? a + r.x : a), 0);
  const phi = new Map(players.map((p) => [p, 0]));
  let orders = 0;
  const permute = (rest: string[], prefix: string[]) => {
    if (rest.length === 0) {
      orders++;
      const s = new Set<string>();
      for (const p of prefix) {
        const before = v(s);
        s.add(p);
        phi.set(p, phi.get(p)! + v(s) - before);
      }
      return;
    }
    for (let i = 0; i < rest.length; i++) {
      permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...prefix, rest[i]!]);
    }
  };
  permute(players, []);
  for (const p of players) phi.set(p, phi.get(p)! / orders);
  return phi;
}

const CHANNELS = ['a', 'b', 'c', 'd', 'e'];
// Value only on converting rows, as in real path files (a row without conversions carries none).
const rowsArb = fc.array(
  fc
    .record({
      path: fc.array(fc.constantFrom(...CHANNELS), { minLength: 1, maxLength: 6 }),
      conversions: fc.integer({ min: 0, max: 9 }),
      nulls: fc.integer({ min: 0, max: 9 }),
      value: fc.integer({ min: 0, max: 1000 }).map((x) => x / 8),
    })
    .map((r) => (r.conversions > 0 ? r : { ...r, value: 0 })),
  { minLength: 1, maxLength: 12 },
);
const converting = (rows: readonly Row[]) => rows.some((r) => r.conversions > 0);

describe('shapley_simplified', () => {
  it('reproduces the eeghor/mta Shapley fixtures (F5)', () => {
    for (const c of fixtures.eeghor_mta_shapley_fixtures.cases) {
      const m = learn(
        c.input.map((r) => ({
          path: r.path.split('>').map((s) => s.trim()),
          conversions: r.total_conversions,
          nulls: r.total_null,
        })),
      );
      for (const [channel, expected] of Object.entries(c.expected_published)) {
        expect(byChannel(m, 'conversions')[channel]).toBeCloseTo(expected, 12);
      }
    }
  });

  it('splits value like conversions and ignores nulls, repeats and touch order', () => {
    const m = learn([
      { path: ['a', 'b', 'a', 'a'], conversions: 2, nulls: 50, value: 30 },
      { path: ['b'], conversions: 0, nulls: 7 },
    ]);
    expect(byChannel(m, 'conversions')).toEqual({ a: 1, b: 1 });
    expect(byChannel(m, 'value')).toEqual({ a: 15, b: 15 });
    expect(m.totalConversions).toBe(2);
    expect(m.totalValue).toBe(30);
  });

  it('equals the brute-force Shapley value of v(S) = Σ_{T⊆S} R(T)', () => {
    fc.assert(
      fc.property(rowsArb.filter(converting), (rows) => {
        const m = learn(rows);
        for (const field of ['conversions', 'value'] as const) {
          const ref = bruteForce(rows, field);
          for (const c of m.channels) expect(rel(c[field], ref.get(c.channel)!)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is non-negative, conserves the totals and is bit-identical for any row order', () => {
    fc.assert(
      fc.property(rowsArb.filter(converting), fc.integer(), (rows, seed) => {
        const m = learn(rows);
        expect(learn(shuffledBy(rows, seed))).toEqual(m);
        expectNonNegativeAndConserving(m);
      }),
      { numRuns: 100 },
    );
  });

  it('scales with λ, ignores row splits and renames credits with the channels', () => {
    fc.assert(
      fc.property(rowsArb.filter(converting), (rows) => {
        const m = learn(rows);
        const scaled = learn(
          rows.map((r) => ({
            ...r,
            conversions: r.conversions * 3,
            nulls: r.nulls * 3,
            value: r.value * 3,
          })),
        );
        const split = learn(
          rows.flatMap((r) => [
            { ...r, conversions: r.conversions / 4, value: r.value / 4 },
            { ...r, conversions: (r.conversions * 3) / 4, value: (r.value * 3) / 4 },
          ]),
        );
        const renamed = learn(rows.map((r) => ({ ...r, path: r.path.map((c) => `z${c}`) })));
        const renamedBy = byChannel(renamed, 'conversions');
        for (const c of m.channels) {
          const s = scaled.channels.find((x) => x.channel === c.channel)!;
          expect(rel(s.conversions, 3 * c.conversions)).toBeLessThan(1e-12);
          const p = split.channels.find((x) => x.channel === c.channel)!;
          expect(rel(p.conversions, c.conversions)).toBeLessThan(1e-12);
          expect(rel(p.value, c.value)).toBeLessThan(1e-12);
          expect(rel(renamedBy[`z${c.channel}`]!, c.conversions)).toBeLessThan(1e-12);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives each channel its observed conversions and value when all paths have length 1', () => {
    const m = learn([
      { path: ['a'], conversions: 3, nulls: 1, value: 10 },
      { path: ['b'], conversions: 0.5, value: 2.5 },
      { path: ['c'], conversions: 0, nulls: 4 },
      { path: ['a'], conversions: 1, value: 1 },
    ]);
    expect(byChannel(m, 'conversions')).toEqual({ a: 4, b: 0.5, c: 0 });
    expect(byChannel(m, 'value')).toEqual({ a: 11, b: 2.5, c: 0 });
  });

  it('reports no_conversions when no path converts', () => {
    const r = shapleySimplified.learn(
      pathSetFromRows([{ path: ['a'], conversions: 0, nulls: 3 }]),
      {},
    );
    expect(r).toMatchObject({ ok: false, error: 'no_conversions' });
  });

  it('accepts only empty options', () => {
    expect(shapleySimplified.options.safeParse({}).success).toBe(true);
    expect(shapleySimplified.options.safeParse({ sampling: true }).success).toBe(false);
  });

  describe('on the Zhao et al. sample journeys (invariants only: its results are reserved)', () => {
    const journeys = JSON.parse(readReferenceText('zhao-journeys.json')) as number[][];
    const rows = journeys.map((j) => ({ path: j.map(String), conversions: 1, value: 1 }));

    it('credits 2,392 conversions, never negative, the same for any journey or touch order', () => {
      expect(journeys).toHaveLength(2392);
      const m = learn(rows);
      const sum = m.channels.reduce((a, c) => a + c.conversions, 0);
      expect(rel(sum, 2392)).toBeLessThan(1e-9);
      expect(
        rel(
          m.channels.reduce((a, c) => a + c.value, 0),
          2392,
        ),
      ).toBeLessThan(1e-9);
      for (const c of m.channels) expect(c.conversions).toBeGreaterThanOrEqual(0);
      expect(learn([...rows].reverse())).toEqual(m);
      const reversed = learn(rows.map((r) => ({ ...r, path: [...r.path].reverse() })));
      for (const [i, c] of reversed.channels.entries()) {
        expect(rel(c.conversions, m.channels[i]!.conversions)).toBeLessThan(1e-12);
      }
    });
  });
});
