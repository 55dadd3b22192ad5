import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LearnedModel } from '../../../../src/attribution/models/model.js';
import { shapley, type ShapleyOptions } from '../../../../src/attribution/models/shapley.js';
import { type PathRow, pathSetFromRows } from '../../../../src/attribution/paths/path-set.js';
import { expectNonNegativeAndConserving, rel, shuffledBy } from './learned-invariants.js';
import { ChannelSets } from '../../../../src/attribution/shapley/channel-sets.js';
import {
  exactShapley,
  sampledShapley,
  samplingOrders,
  SubsetTable,
} from '../../../../src/attribution/shapley/set-shapley.js';
import { readReferenceText } from '../../../fixtures/reference.js';

type Row = PathRow;

const fixtures = JSON.parse(readReferenceText('fixtures.json')) as {
  dp6_mam_test_fixture: {
    input: { channels_agg: string[]; conversion_value: number[] };
    expected_computed_here: {
      channels: string;
      attribution_shapley_size4_conv_rate_algorithmic: string;
    }[];
  };
};

const DEFAULTS = shapley.options.parse({});

function learn(rows: readonly Row[], options: Partial<ShapleyOptions> = {}): LearnedModel {
  const r = shapley.learn(pathSetFromRows(rows), { ...DEFAULTS, ...options });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const byChannel = (m: LearnedModel, field: 'conversions' | 'value') =>
  Object.fromEntries(m.channels.map((c) => [c.channel, c[field]]));

function closeAll(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    expect(actual[i]).toBeCloseTo(e, 14);
  });
}

/**
 * Independent reference for §4.4: sets keyed by sorted names, φ by averaging marginal
 * contributions over every order of S (m! orders, fine for m ≤ 6), then clamp and share.
 */
function reference(rows: readonly Row[]): Map<string, { conversions: number; value: number }> {
  const groups = new Map<string, { set: string[]; conv: number; nul: number; value: number }>();
  for (const r of rows) {
    if (r.path.length === 0 || (r.conversions === 0 && (r.nulls ?? 0) === 0)) continue;
    const set = [...new Set(r.path)].sort();
    const key = set.join('|');
    const g = groups.get(key) ?? { set, conv: 0, nul: 0, value: 0 };
    g.conv += r.conversions;
    g.nul += r.nulls ?? 0;
    g.value += r.value ?? 0;
    groups.set(key, g);
  }
  const v = (set: readonly string[]): number => {
    const g = groups.get([...set].sort().join('|'));
    return g && g.conv + g.nul > 0 ? g.conv / (g.conv + g.nul) : 0;
  };
  const out = new Map<string, { conversions: number; value: number }>();
  for (const c of new Set(rows.flatMap((r) => r.path))) out.set(c, { conversions: 0, value: 0 });
  for (const g of groups.values()) {
    if (!(g.conv > 0)) continue;
    const phi = new Map(g.set.map((c) => [c, 0]));
    let orders = 0;
    const permute = (rest: string[], prefix: string[]) => {
      if (rest.length === 0) {
        orders++;
        for (let i = 0; i < prefix.length; i++) {
          const c = prefix[i]!;
          phi.set(c, phi.get(c)! + v(prefix.slice(0, i + 1)) - v(prefix.slice(0, i)));
        }
        return;
      }
      for (let i = 0; i < rest.length; i++) {
        permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...prefix, rest[i]!]);
      }
    };
    permute(g.set, []);
    const plus = g.set.map((c) => Math.max(0, phi.get(c)! / orders));
    const total = plus.reduce((a, b) => a + b, 0);
    g.set.forEach((c, k) => {
      const o = out.get(c)!;
      o.conversions += (plus[k]! / total) * g.conv;
      o.value += (plus[k]! / total) * g.value;
    });
  }
  return out;
}

const CHANNELS = ['a', 'b', 'c', 'd', 'e'];
// Value only on converting rows, as in real path files.
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
    { minLength: 1, maxLength: 14 },
  )
  .filter((rows) => rows.some((r) => r.conversions > 0));

/** Subset-level φ of the set labelled `label` (e.g. "{A, B}"), unclamped. */
function setPhi(rows: readonly Row[], label: string): number[] {
  const sets = new ChannelSets(pathSetFromRows(rows));
  const s = Array.from({ length: sets.size }, (_, i) => i).find((i) => sets.label(i) === label);
  if (s === undefined) throw new Error(`no set ${label}`);
  const phi = new Float64Array(sets.sizeOf(s));
  exactShapley(new SubsetTable(sets).fill(s), sets.sizeOf(s), phi);
  return Array.from(phi);
}

/** Deterministic rows over one big set S of `m` channels and many of its subsets. */
function bigSetRows(m: number): Row[] {
  let seed = 12345;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const names = Array.from({ length: m }, (_, i) => `c${String(i).padStart(2, '0')}`);
  const rows: Row[] = [
    { path: names, conversions: 1, nulls: 3, value: 500 },
    { path: names.slice(0, -1), conversions: 5, nulls: 0, value: 50 },
  ];
  for (let i = 0; i < 400; i++) {
    const path = names.filter(() => rand() < 0.3);
    if (path.length === 0) continue;
    // The last channel spoils every set it joins (rate 0), so its φ is negative.
    const conversions = path.includes(names[m - 1]!) ? 0 : Math.floor(rand() * 4);
    rows.push({ path, conversions, nulls: 1 + Math.floor(rand() * 6), value: conversions * 10 });
  }
  return rows;
}

describe('shapley (conversion-rate Shapley, §4.4)', () => {
  it("reproduces DP6's Shapley output on its 9-journey fixture (F7: 13.5 / 7.5 / 6.0)", () => {
    const f = fixtures.dp6_mam_test_fixture;
    const m = learn(
      f.input.channels_agg.map((p, i) => ({
        path: p.split('>').map((s) => s.trim()),
        conversions: 1,
        value: f.input.conversion_value[i]!,
      })),
    );
    for (const e of f.expected_computed_here) {
      const expected = Number(e.attribution_shapley_size4_conv_rate_algorithmic);
      expect(byChannel(m, 'value')[e.channels]).toBeCloseTo(expected, 12);
      expect(byChannel(m, 'conversions')[e.channels]).toBeCloseTo(expected / 3, 12);
    }
    expect(m.warnings).toContain('every observed set converts: conversion rates are all 1');
  });

  const F10: Row[] = [
    { path: ['A'], conversions: 1, nulls: 3 },
    { path: ['B'], conversions: 1, nulls: 1 },
    { path: ['A', 'B'], conversions: 3, nulls: 1 },
    { path: ['A', 'C'], conversions: 1, nulls: 0 },
  ];

  it('treats an unobserved set as worth 0 (F10: A 2.625, B 3, C 0.375)', () => {
    closeAll(setPhi(F10, '{A, B}'), [0.25, 0.5]);
    closeAll(setPhi(F10, '{A, C}'), [0.625, 0.375]);
    const m = learn(F10);
    expect(Object.keys(byChannel(m, 'conversions'))).toEqual(['A', 'B', 'C']);
    closeAll(Object.values(byChannel(m, 'conversions')), [2.625, 3, 0.375]);
    expect(m.warnings).toEqual([]);
  });

  it('clamps a negative contribution to 0 (F11: φ A .6, B −.4 → A 2, B 0)', () => {
    const F11: Row[] = [
      { path: ['A'], conversions: 1, nulls: 0, value: 10 },
      { path: ['A', 'B'], conversions: 1, nulls: 4, value: 20 },
    ];
    closeAll(setPhi(F11, '{A, B}'), [0.6, -0.4]);
    const m = learn(F11);
    expect(byChannel(m, 'conversions')).toEqual({ A: 2, B: 0 });
    expect(byChannel(m, 'value')).toEqual({ A: 30, B: 0 });
  });

  it('gives a player that never changes the rate exactly 0', () => {
    // v({A}) = v({A, D}) = .5 and v({D}) = 0: D adds nothing.
    const phi = setPhi(
      [
        { path: ['A'], conversions: 1, nulls: 1 },
        { path: ['A', 'D'], conversions: 2, nulls: 2 },
      ],
      '{A, D}',
    );
    expect(phi).toEqual([0.5, 0]);
  });

  it('matches a brute-force reference on random path sets', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const m = learn(rows);
        const ref = reference(rows);
        for (const c of m.channels) {
          expect(rel(c.conversions, ref.get(c.channel)!.conversions)).toBeLessThan(1e-9);
          expect(rel(c.value, ref.get(c.channel)!.value)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('is non-negative, conserves the totals and is bit-identical for any row order', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer(), (rows, seed) => {
        const m = learn(rows);
        expect(learn(shuffledBy(rows, seed))).toEqual(m);
        expectNonNegativeAndConserving(m);
      }),
      { numRuns: 100 },
    );
  });

  it('ignores touch order, scales with λ, ignores row splits and renames with the channels', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const m = learn(rows);
        const variants = {
          reversed: learn(rows.map((r) => ({ ...r, path: [...r.path].reverse() }))),
          scaled: learn(
            rows.map((r) => ({
              ...r,
              conversions: r.conversions * 3,
              nulls: r.nulls * 3,
              value: r.value * 3,
            })),
          ),
          split: learn(
            rows.flatMap((r) => [
              {
                ...r,
                conversions: r.conversions / 4,
                nulls: r.nulls / 4,
                value: r.value / 4,
              },
              {
                ...r,
                conversions: (r.conversions * 3) / 4,
                nulls: (r.nulls * 3) / 4,
                value: (r.value * 3) / 4,
              },
            ]),
          ),
          renamed: learn(rows.map((r) => ({ ...r, path: r.path.map((c) => `z${c}`) }))),
        };
        const get = (l: LearnedModel, c: string) => l.channels.find((x) => x.channel === c)!;
        for (const c of m.channels) {
          const [rev, scaled, split, renamed] = [
            get(variants.reversed, c.channel),
            get(variants.scaled, c.channel),
            get(variants.split, c.channel),
            get(variants.renamed, `z${c.channel}`),
          ];
          expect(rel(rev.conversions, c.conversions)).toBeLessThan(1e-12);
          expect(rel(scaled.conversions, 3 * c.conversions)).toBeLessThan(1e-12);
          expect(rel(scaled.value, 3 * c.value)).toBeLessThan(1e-12);
          expect(rel(split.conversions, c.conversions)).toBeLessThan(1e-12);
          expect(rel(split.value, c.value)).toBeLessThan(1e-12);
          expect(rel(renamed.conversions, c.conversions)).toBeLessThan(1e-12);
          expect(rel(renamed.value, c.value)).toBeLessThan(1e-12);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives each channel its observed conversions and value when all paths have length 1', () => {
    const m = learn([
      { path: ['a'], conversions: 3, nulls: 1, value: 10 },
      { path: ['b'], conversions: 0.5, nulls: 2, value: 2.5 },
      { path: ['c'], conversions: 0, nulls: 4 },
      { path: ['a'], conversions: 1, nulls: 7, value: 1 },
    ]);
    expect(byChannel(m, 'conversions')).toEqual({ a: 4, b: 0.5, c: 0 });
    expect(byChannel(m, 'value')).toEqual({ a: 11, b: 2.5, c: 0 });
  });

  it('reports no_conversions when no path converts', () => {
    const r = shapley.learn(pathSetFromRows([{ path: ['a'], conversions: 0, nulls: 3 }]), DEFAULTS);
    expect(r).toMatchObject({ ok: false, error: 'no_conversions' });
  });

  it('warns about value on channel sets that never convert', () => {
    const ps = pathSetFromRows([
      { path: ['a'], conversions: 1, nulls: 1, value: 5 },
      { path: ['b'], conversions: 0, nulls: 1, value: 7 },
    ]);
    const r = shapley.learn(ps, DEFAULTS);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.warnings).toEqual([
      '7 of value is on channel sets without conversions and is not attributed',
    ]);
  });

  it('validates its options and fills the defaults', () => {
    expect(DEFAULTS).toEqual({
      maxExactChannels: 15,
      sampling: false,
      epsilon: 0.005,
      delta: 0.01,
    });
    for (const bad of [
      { maxExactChannels: 21 },
      { maxExactChannels: 0 },
      { maxExactChannels: 2.5 },
      { epsilon: 0 },
      { delta: 1 },
      { other: 1 },
    ]) {
      expect(shapley.options.safeParse(bad).success).toBe(false);
    }
  });

  describe('sets larger than maxExactChannels', () => {
    const rows = bigSetRows(16);

    it('fail with shapley_set_too_large naming the set unless sampling is on', () => {
      const r = shapley.learn(pathSetFromRows(rows), DEFAULTS);
      expect(r).toMatchObject({ ok: false, error: 'shapley_set_too_large' });
      if (r.ok) return;
      expect(r.message).toContain('{c00, c01, c02, c03, c04, c05, c06, c07, c08, c09, c10,');
      expect(r.message).toContain('16 distinct channels');
    });

    it('are estimated within ε of the exact φ, reproducibly, and flagged', () => {
      const sets = new ChannelSets(pathSetFromRows(rows));
      const s = Array.from({ length: sets.size }, (_, i) => i).find((i) => sets.sizeOf(i) === 16)!;
      const table = new SubsetTable(sets).fill(s);
      const exact = new Float64Array(16);
      exactShapley(table, 16, exact);
      const v = table[2 ** 16 - 1]!;
      expect(exact.reduce((a, b) => a + b, 0)).toBeCloseTo(v, 12); // efficiency: Σ φ = v(S)
      expect(Math.min(...exact)).toBeLessThan(0); // a set where clamping matters
      const orders = samplingOrders(16, DEFAULTS.epsilon, DEFAULTS.delta);
      expect(orders).toBe(Math.ceil((2 * Math.log(3200)) / 0.005 ** 2));
      const sampled = new Float64Array(16);
      sampledShapley(sets, s, orders, table, sampled);
      for (let k = 0; k < 16; k++) {
        expect(Math.abs(sampled[k]! - exact[k]!)).toBeLessThanOrEqual(DEFAULTS.epsilon);
      }

      // Model level, with a coarser ε to keep the test quick.
      const viaTable = learn(rows, { sampling: true, epsilon: 0.02 });
      expect(learn(rows, { sampling: true, epsilon: 0.02 })).toEqual(viaTable); // seed 1
      expect(viaTable.warnings.join('\n')).toMatch(
        /^sampled \{c00, .*\} \(16 channels\) from \d+ random orders/,
      );
      const exactModel = learn(rows, { maxExactChannels: 20 });
      expect(exactModel.warnings).toEqual([]);
      const conv = (l: LearnedModel) => l.channels.reduce((a, c) => a + c.conversions, 0);
      expect(rel(conv(viaTable), conv(exactModel))).toBeLessThan(1e-9);
    });

    it('sample the same orders whether prefixes come from the subset table or the hash index', () => {
      const sets = new ChannelSets(pathSetFromRows(rows));
      const s = Array.from({ length: sets.size }, (_, i) => i).find((i) => sets.sizeOf(i) === 16)!;
      const table = new SubsetTable(sets).fill(s);
      const a = new Float64Array(16);
      const b = new Float64Array(16);
      sampledShapley(sets, s, 2000, table, a);
      sampledShapley(sets, s, 2000, null, b);
      expect(Array.from(b)).toEqual(Array.from(a));
    });

    it('beyond 20 channels are sampled through the hash index', () => {
      const big = bigSetRows(22);
      const m = learn(big, { sampling: true, epsilon: 0.05 });
      expect(m.warnings).toHaveLength(2); // S and S minus its last channel both convert
      expect(m.warnings.join('\n')).toContain('(22 channels)');
      expect(m.warnings.join('\n')).toContain('(21 channels)');
      const conv = m.channels.reduce((a, c) => a + c.conversions, 0);
      expect(rel(conv, m.totalConversions)).toBeLessThan(1e-9);
      for (const c of m.channels) expect(c.conversions).toBeGreaterThanOrEqual(0);
    });
  });
});
