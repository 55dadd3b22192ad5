import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BucketWeights as RoleWeights } from '../../../../src/domain/index.js';
import type { ChannelCredit } from '../../../../src/attribution/models/model.js';
import { pathHeuristic } from '../../../../src/attribution/paths/heuristics.js';
import { pathSetFromRows, type PathSet } from '../../../../src/attribution/paths/path-set.js';
import { readReferenceText } from '../../../fixtures/reference.js';

interface FixtureRow {
  path: string;
  total_conversions: number;
  total_null: number;
}
const fixtures = JSON.parse(readReferenceText('fixtures.json')) as {
  eeghor_mta_journey_data: {
    input: FixtureRow[];
    expected_published: Record<string, Record<string, number>>;
  };
  dp6_mam_test_fixture: {
    input: { channels_agg: string[]; conversion_value: number[] };
    expected_computed_here: Record<string, string>[];
  };
};

// Weights of ATTRIBUTION.md §2.2.
const FIRST: RoleWeights = { FIRST: 1 };
const LAST: RoleWeights = { LAST: 1 };
const LND: RoleWeights = { LND: 1 };
const LINEAR: RoleWeights = { MID: 1 };
const POSITION: RoleWeights = { FIRST: 0.4, LAST: 0.4, MID: 0.2 };
const J: RoleWeights = { FIRST: 0.2, LAST: 0.6, MID: 0.2 };
const INVERSE_J: RoleWeights = { FIRST: 0.6, LAST: 0.2, MID: 0.2 };

const split = (path: string) => (path === '' ? [] : path.split('>').map((s) => s.trim()));

const byChannel = (credits: readonly ChannelCredit[], key: 'conversions' | 'value') =>
  Object.fromEntries(credits.map((c) => [c.channel, c[key]]));

const expectClose = (actual: Record<string, number>, expected: Record<string, number>) => {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) expect(actual[k]).toBeCloseTo(v, 9);
};

describe('pathHeuristic on published fixtures', () => {
  const f1 = pathSetFromRows(
    fixtures.eeghor_mta_journey_data.input.map((r) => ({
      path: split(r.path),
      conversions: r.total_conversions,
      nulls: r.total_null,
    })),
  );
  const p1 = fixtures.eeghor_mta_journey_data.expected_published;
  const zeros = { direct: 0, search: 0, email: 0, social: 0 };

  it('F1 (eeghor/mta): first, last, linear and position_based', () => {
    expectClose(byChannel(pathHeuristic(f1, FIRST), 'conversions'), {
      ...zeros,
      ...p1.first_touch,
    });
    expectClose(byChannel(pathHeuristic(f1, LAST), 'conversions'), { ...zeros, ...p1.last_touch });
    expectClose(byChannel(pathHeuristic(f1, LINEAR), 'conversions'), p1.linear_same_per_touch!);
    expectClose(
      byChannel(pathHeuristic(f1, POSITION), 'conversions'),
      p1.position_40_40 ?? p1.position_based_40_40!,
    );
  });

  it('F2: linear counts every raw occurrence (a > a > b, 6 → a 4, b 2)', () => {
    const ps = pathSetFromRows([{ path: ['a', 'a', 'b'], conversions: 6 }]);
    expectClose(byChannel(pathHeuristic(ps, LINEAR), 'conversions'), { a: 4, b: 2 });
  });

  it('F3: two touches under position_based split 50/50; custom FIRST .3 LAST .7 gives 3/7', () => {
    const ps = pathSetFromRows([{ path: ['x', 'y'], conversions: 10 }]);
    expectClose(byChannel(pathHeuristic(ps, POSITION), 'conversions'), { x: 5, y: 5 });
    expectClose(byChannel(pathHeuristic(ps, { FIRST: 0.3, LAST: 0.7 }), 'conversions'), {
      x: 3,
      y: 7,
    });
    // Scale-free: 30/70 is the same model.
    expectClose(byChannel(pathHeuristic(ps, { FIRST: 30, LAST: 70 }), 'conversions'), {
      x: 3,
      y: 7,
    });
  });

  describe('F7 (DP6 MAM, value 3 per journey)', () => {
    const { channels_agg, conversion_value } = fixtures.dp6_mam_test_fixture.input;
    const f7 = pathSetFromRows(
      channels_agg.map((p, i) => ({ path: split(p), conversions: 1, value: conversion_value[i]! })),
    );
    const expected = (column: string) =>
      Object.fromEntries(
        fixtures.dp6_mam_test_fixture.expected_computed_here.map((r) => [
          r.channels!,
          Number(r[column]),
        ]),
      );
    const cases: [string, RoleWeights, string, (readonly string[])?][] = [
      ['first_touch', FIRST, 'attribution_first_click_heuristic'],
      ['last_touch', LAST, 'attribution_last_click_heuristic'],
      ['last_non_direct with A direct', LND, 'attribution_last_click_non_A_heuristic', ['a']],
      ['linear', LINEAR, 'attribution_linear_heuristic'],
      ['position_based', POSITION, 'attribution_position_based_0.4_0.2_0.4_heuristic'],
    ];
    it.each(cases)('%s', (_, weights, column, direct) => {
      expectClose(byChannel(pathHeuristic(f7, weights, direct), 'value'), expected(column));
    });

    it('spec table values (first 9/9/9, last 15/6/6, LND 3/12/12, linear 10.5/9/7.5, position 11.1/8.4/7.5)', () => {
      expectClose(byChannel(pathHeuristic(f7, FIRST), 'value'), { A: 9, B: 9, C: 9 });
      expectClose(byChannel(pathHeuristic(f7, LAST), 'value'), { A: 15, B: 6, C: 6 });
      expectClose(byChannel(pathHeuristic(f7, LND, ['A']), 'value'), { A: 3, B: 12, C: 12 });
      expectClose(byChannel(pathHeuristic(f7, LINEAR), 'value'), { A: 10.5, B: 9, C: 7.5 });
      expectClose(byChannel(pathHeuristic(f7, POSITION), 'value'), { A: 11.1, B: 8.4, C: 7.5 });
    });
  });

  it('F8 (snowplow attribution): linear and position_based on values', () => {
    const f8 = pathSetFromRows([
      { path: ['Direct', 'Organic_Search', 'Direct'], conversions: 1, value: 140 },
      { path: ['Display_Other', 'Organic_Search'], conversions: 1, value: 66.5 },
      { path: ['Direct'], conversions: 1, value: 50 },
    ]);
    expectClose(byChannel(pathHeuristic(f8, LINEAR), 'value'), {
      Direct: (2 * 140) / 3 + 50,
      Organic_Search: 140 / 3 + 33.25,
      Display_Other: 33.25,
    });
    expectClose(byChannel(pathHeuristic(f8, POSITION), 'value'), {
      Direct: 56 + 56 + 50,
      Organic_Search: 28 + 33.25,
      Display_Other: 33.25,
    });
  });

  it('F9 (snowplow fractribution): last_touch ignores null-only paths', () => {
    const f9 = pathSetFromRows([
      { path: ['Direct'], conversions: 3, value: 94.42, nulls: 25 },
      { path: ['Organic_Search'], conversions: 1, value: 66.5, nulls: 26 },
      { path: ['Video'], conversions: 1, value: 200, nulls: 2 },
      { path: ['Organic_Search', 'Direct'], conversions: 1, value: 140, nulls: 1 },
      { path: ['Referral', 'Direct'], conversions: 0, nulls: 1 },
      { path: ['Organic_Search', 'Paid_Search_Other'], conversions: 0, nulls: 2 },
      { path: ['Referral'], conversions: 0, nulls: 2 },
      { path: ['Paid_Search_Other'], conversions: 0, nulls: 1 },
      { path: ['Unmatched_Channel'], conversions: 0, nulls: 1 },
    ]);
    const credits = pathHeuristic(f9, LAST);
    expectClose(byChannel(credits, 'conversions'), {
      Direct: 4,
      Organic_Search: 1,
      Video: 1,
      Paid_Search_Other: 0,
      Referral: 0,
      Unmatched_Channel: 0,
    });
    expect(byChannel(credits, 'value').Direct).toBeCloseTo(234.42, 9);
    expect(byChannel(credits, 'value').Organic_Search).toBeCloseTo(66.5, 9);
    expect(byChannel(credits, 'value').Video).toBeCloseTo(200, 9);
  });

  it('matches direct channels case-insensitively and falls back to the last touch when all are direct', () => {
    const ps = pathSetFromRows([
      { path: ['a', 'DIRECT', 'Direct_Traffic'], conversions: 1 },
      { path: ['b', 'direct'], conversions: 1 },
      { path: ['direct', 'Direct'], conversions: 1 },
    ]);
    expectClose(byChannel(pathHeuristic(ps, LND), 'conversions'), {
      a: 1,
      b: 1,
      DIRECT: 0,
      Direct_Traffic: 0,
      direct: 0,
      Direct: 1,
    });
  });
});

// An independent, literal reading of §2.1 on one raw path: role holders, buckets, Z, credit.
function referenceFractions(
  path: readonly string[],
  w: RoleWeights,
  direct: readonly string[],
): number[] {
  const n = path.length;
  const isDirect = (c: string) => direct.some((d) => d.toLowerCase() === c.toLowerCase());
  let lnd = n - 1;
  while (lnd >= 0 && isDirect(path[lnd]!)) lnd--;
  if (lnd < 0) lnd = n - 1;
  const holder: Record<string, number> = { FIRST: 0, LAST: n - 1, LND: lnd };
  const roles = (['FIRST', 'LAST', 'LND'] as const).filter((r) => (w[r] ?? 0) > 0);
  const middle = [...Array(n).keys()].filter((i) => roles.every((r) => holder[r] !== i));
  const hasMiddle = (w.MID ?? 0) > 0 && middle.length > 0;
  const z = roles.reduce((s, r) => s + w[r]!, 0) + (hasMiddle ? w.MID! : 0);
  return [...Array(n).keys()].map(
    (i) =>
      roles.filter((r) => holder[r] === i).reduce((s, r) => s + w[r]! / z, 0) +
      (hasMiddle && middle.includes(i) ? w.MID! / (z * middle.length) : 0),
  );
}

const rowArb = fc.record({
  path: fc.array(fc.constantFrom('a', 'b', 'c', 'direct', 'Direct_Traffic', 'e'), {
    minLength: 1,
    maxLength: 8,
  }),
  conversions: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true })),
  nulls: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 })),
  value: fc.double({ min: 0, max: 1000, noNaN: true }),
});
const weightArb = fc
  .record({
    FIRST: fc.constantFrom(0, 0.2, 1, 3),
    LAST: fc.constantFrom(0, 0.4, 2),
    LND: fc.constantFrom(0, 0.5, 1),
    MID: fc.constantFrom(0, 0.1, 1),
  })
  .filter((w) => w.FIRST + w.LAST + w.LND + w.MID > 0);

const relClose = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('pathHeuristic invariants (§7)', () => {
  it('agrees with a literal per-touch reading of §2.1 on random raw paths', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 12 }), weightArb, (rows, w) => {
        const ps = pathSetFromRows(rows);
        const conv = new Map<string, number>(ps.channels.map((c) => [c, 0]));
        const val = new Map<string, number>(ps.channels.map((c) => [c, 0]));
        for (const r of rows) {
          if (r.conversions === 0 && r.nulls === 0) continue;
          referenceFractions(r.path, w, ['direct', 'direct_traffic']).forEach((f, i) => {
            conv.set(r.path[i]!, conv.get(r.path[i]!)! + f * r.conversions);
            val.set(r.path[i]!, val.get(r.path[i]!)! + f * r.value);
          });
        }
        const credits = pathHeuristic(ps, w);
        expect(credits.map((c) => c.channel)).toEqual(ps.channels);
        for (const c of credits) {
          expect(relClose(c.conversions, conv.get(c.channel)!)).toBe(true);
          expect(relClose(c.value, val.get(c.channel)!)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('sums to the file totals: Σ conversions = C_tot, Σ value = V_tot', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 12 }), weightArb, (rows, w) => {
        const ps = pathSetFromRows(rows);
        const credits = pathHeuristic(ps, w);
        const sum = (k: 'conversions' | 'value') => credits.reduce((s, c) => s + c[k], 0);
        expect(relClose(sum('conversions'), ps.totalConversions)).toBe(true);
        expect(relClose(sum('value'), ps.totalValue)).toBe(true);
        for (const c of credits) expect(c.conversions >= 0 && c.value >= 0).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('reversing every path swaps first ↔ last and j_shaped ↔ inverse_j and mirrors position_based', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 12 }), (rows) => {
        const ps = pathSetFromRows(rows);
        const rev = pathSetFromRows(rows.map((r) => ({ ...r, path: [...r.path].reverse() })));
        const same = (x: PathSet, wx: RoleWeights, y: PathSet, wy: RoleWeights) => {
          const a = pathHeuristic(x, wx);
          const b = pathHeuristic(y, wy);
          a.forEach((c, i) => {
            expect(relClose(c.conversions, b[i]!.conversions)).toBe(true);
            expect(relClose(c.value, b[i]!.value)).toBe(true);
          });
        };
        same(ps, FIRST, rev, LAST);
        same(ps, LAST, rev, FIRST);
        same(ps, J, rev, INVERSE_J);
        same(ps, POSITION, rev, POSITION);
      }),
      { numRuns: 100 },
    );
  });

  it('does not collapse repeats (unlike Markov k = 1): a > a > b differs from a > b', () => {
    const repeated = pathSetFromRows([{ path: ['a', 'a', 'b'], conversions: 3 }]);
    const collapsed = pathSetFromRows([{ path: ['a', 'b'], conversions: 3 }]);
    expect(byChannel(pathHeuristic(repeated, LINEAR), 'conversions')).toEqual({ a: 2, b: 1 });
    expect(byChannel(pathHeuristic(collapsed, LINEAR), 'conversions')).toEqual({ a: 1.5, b: 1.5 });
    expectClose(byChannel(pathHeuristic(repeated, POSITION), 'conversions'), { a: 1.8, b: 1.2 });
  });

  it('gives a one-touch path 100 % in every model', () => {
    const ps = pathSetFromRows([{ path: ['a'], conversions: 2, value: 5 }]);
    for (const w of [FIRST, LAST, LND, LINEAR, POSITION, J, INVERSE_J, { LND: 1, MID: 3 }]) {
      expect(pathHeuristic(ps, w)).toEqual([{ channel: 'a', conversions: 2, value: 5 }]);
    }
  });

  it('throws on weights a path file cannot hold (callers validate first)', () => {
    const ps = pathSetFromRows([{ path: ['a'], conversions: 1 }]);
    expect(() => pathHeuristic(ps, { FIRST: 1, LC: 1 })).toThrow(RangeError);
    expect(() => pathHeuristic(ps, {})).toThrow(RangeError);
  });
});
