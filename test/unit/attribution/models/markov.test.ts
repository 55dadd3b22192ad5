import { describe, expect, it } from 'vitest';
import { markov, markovDetails, markovOptions } from '../../../../src/attribution/models/markov.js';
import type { LearnedModel } from '../../../../src/attribution/models/model.js';
import { pathSetFromRows, type PathSet } from '../../../../src/attribution/paths/path-set.js';
import { denseMarkov } from '../markov/dense.js';
import { readReferenceText } from '../../../fixtures/reference.js';

interface FixtureRow {
  path: string;
  total_conversions?: number;
  total_null?: number;
  conv?: number;
}
const fixtures = JSON.parse(readReferenceText('fixtures.json')) as Record<
  string,
  Record<string, unknown>
>;
const rowsOf = (input: FixtureRow[]) =>
  input.map((r) => ({
    path: r.path.split('>').map((s) => s.trim()),
    conversions: r.total_conversions ?? r.conv ?? 0,
    nulls: r.total_null ?? 0,
  }));

function learned(paths: PathSet, order = 1, useNulls = true): LearnedModel {
  const r = markov.learn(paths, markovOptions.parse({ order, useNulls }));
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
const by = (m: LearnedModel, key: 'conversions' | 'value' | 'removalEffect') =>
  Object.fromEntries(m.channels.map((c) => [c.channel, c[key]]));
const expectClose = (
  actual: Record<string, number | undefined>,
  expected: Record<string, number>,
  rel = 1e-9,
) => {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) {
    expect(Math.abs(actual[k]! - v)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(v)));
  }
};

// F7 (DP6): nine one-conversion journeys of value 3.
const F7 = ['A', 'A > B', 'A > B > C', 'B', 'B > A', 'B > C > A', 'C', 'C > A', 'C > B > A'].map(
  (p) => ({ path: p.split(' > '), conversions: 1, value: 3 }),
);

describe('markov options', () => {
  it('defaults to order 1 with nulls', () => {
    expect(markovOptions.parse({})).toEqual({ order: 1, useNulls: true });
  });

  it('rejects bad options with a message naming the field', () => {
    for (const bad of [{ order: 5 }, { order: 0 }, { order: 1.5 }, { useNulls: 'yes' }]) {
      const r = markovOptions.safeParse(bad);
      expect(r.success).toBe(false);
      const field = Object.keys(bad)[0]!;
      expect(r.error?.issues[0]?.path).toEqual([field]);
      expect(r.error?.issues[0]?.message).toContain(field);
    }
    expect(markovOptions.safeParse({ order: 2, extra: 1 }).success).toBe(false);
  });
});

describe('markov on the reference fixtures', () => {
  it('F1 (eeghor/mta): p = 10/17 and the published removal effects and credits', () => {
    const f = fixtures.eeghor_mta_journey_data!;
    const paths = pathSetFromRows(rowsOf(f.input as FixtureRow[]));
    const m = learned(paths);
    expect(m.conversionProbability).toBeCloseTo(10 / 17, 14);
    expectClose(by(m, 'removalEffect'), { direct: 0.2, search: 0.8, email: 0.8, social: 18 / 35 });
    const exact = (
      f.expected_computed_here as Record<string, { attributed: Record<string, number> }>
    ).markov_order1_absorbing_exact_with_nulls!.attributed;
    expectClose(by(m, 'conversions'), exact);
    expectClose(
      by(m, 'conversions'),
      { direct: 0.864198, search: 3.45679, email: 3.45679, social: 2.222222 },
      1e-6,
    );
  });

  it('F4 (eeghor/mta): the published transition probabilities, RE 1, .75, .25 and credits 2, 1.5, .5', () => {
    const f = fixtures.eeghor_mta_markov_fixture!;
    const paths = pathSetFromRows(rowsOf(f.input as FixtureRow[]));
    const d = markovDetails(paths, { order: 1, useNulls: true });
    if (!d.ok) throw new Error(d.message);
    const { labels, rows } = d.value.transitions!;
    const P = (from: string, to: string) => rows[labels.indexOf(from)]![labels.indexOf(to)]!;
    const published = (f.expected_published as { transition_probabilities: Record<string, number> })
      .transition_probabilities;
    const name = (s: string) =>
      ({ '(start)': 'START', '(conversion)': 'CONV', '(null)': 'NULL' })[s] ?? s;
    for (const [edge, v] of Object.entries(published)) {
      const [from, to] = edge.split('->') as [string, string];
      expect(P(name(from), name(to))).toBeCloseTo(v, 15);
    }
    // Every other entry is 0 and rows of transient states sum to 1.
    const nonZero = rows.flat().filter((v) => v !== 0).length;
    expect(nonZero).toBe(Object.keys(published).length);
    expect(d.value.p).toBeCloseTo(2 / 3, 15);
    const m = learned(paths);
    expectClose(by(m, 'removalEffect'), { a: 1, b: 0.75, c: 0.25 });
    expectClose(by(m, 'conversions'), { a: 2, b: 1.5, c: 0.5 });
  });

  it('F6 (ChannelAttribution vignette): exactly A 2, B 1 with repeats collapsed', () => {
    const f = fixtures.channelattribution_vignette_example!;
    const m = learned(pathSetFromRows(rowsOf(f.input as FixtureRow[])));
    expect(m.conversionProbability).toBeCloseTo(1, 12);
    expectClose(by(m, 'removalEffect'), { A: 1, B: 0.5 });
    expectClose(by(m, 'conversions'), { A: 2, B: 1 });
  });

  it('F7 (DP6) order 1: values 2565/241, 2052/241, 1890/241 and RE 2/3, 8/15, 28/57', () => {
    const m = learned(pathSetFromRows(F7));
    expectClose(by(m, 'removalEffect'), { A: 2 / 3, B: 8 / 15, C: 28 / 57 });
    expectClose(by(m, 'value'), { A: 2565 / 241, B: 2052 / 241, C: 1890 / 241 });
    const dp6 = fixtures.dp6_mam_test_fixture!.expected_computed_here as Record<string, string>[];
    for (const row of dp6) {
      expect(by(m, 'value')[row.channels!]).toBeCloseTo(
        Number(row.attribution_markov_algorithmic),
        9,
      );
    }
  });

  it('F7 (DP6) order 2: RE 13/18, 2/3, 5/9 and values 10.028571, 9.257143, 7.714286', () => {
    const m = learned(pathSetFromRows(F7), 2);
    expectClose(by(m, 'removalEffect'), { A: 13 / 18, B: 2 / 3, C: 5 / 9 });
    expectClose(by(m, 'value'), { A: (13 / 35) * 27, B: (12 / 35) * 27, C: (10 / 35) * 27 });
    expectClose(by(m, 'value'), { A: 10.028571, B: 9.257143, C: 7.714286 }, 1e-6);
  });
});

describe('markov behaviour', () => {
  it('without nulls has p = 1, ignores non-converting rows and lists their channels with 0', () => {
    const paths = pathSetFromRows([
      { path: ['a', 'b'], conversions: 3, nulls: 1 },
      { path: ['a', 'c'], conversions: 1, nulls: 1 },
      { path: ['d', 'b'], conversions: 0, nulls: 5 },
    ]);
    const m = learned(paths, 1, false);
    expect(m.conversionProbability).toBeCloseTo(1, 12);
    expect(m.useNulls).toBe(false);
    expectClose(by(m, 'removalEffect'), { a: 1, b: 0.75, c: 0.25, d: 0 });
    expectClose(by(m, 'conversions'), { a: 2, b: 1.5, c: 0.5, d: 0 });
    // With nulls the d > b row counts: d gets credit.
    expect(by(learned(paths, 1, true), 'conversions').d).toBeGreaterThan(0);
  });

  it('returns no_conversions when nothing converts', () => {
    const paths = pathSetFromRows([{ path: ['a', 'b'], conversions: 0, nulls: 3 }]);
    for (const order of [1, 2]) {
      const r = markov.learn(paths, { order, useNulls: true });
      expect(r.ok ? 'ok' : r.error).toBe('no_conversions');
    }
  });

  it('gives each channel its observed conversions when every path has length 1', () => {
    const paths = pathSetFromRows([
      { path: ['a'], conversions: 3, nulls: 2, value: 10 },
      { path: ['b'], conversions: 1, nulls: 7, value: 50 },
      { path: ['c'], conversions: 6, nulls: 0, value: 1 },
    ]);
    for (const order of [1, 2, 3, 4]) {
      for (const useNulls of [true, false]) {
        const m = learned(paths, order, useNulls);
        expectClose(by(m, 'conversions'), { a: 3, b: 1, c: 6 });
        expectClose(by(m, 'value'), { a: 61 * 0.3, b: 61 * 0.1, c: 61 * 0.6 });
      }
    }
  });

  it('agrees with a dense solve at every order, with and without nulls', () => {
    const rows = [
      { path: ['a', 'b', 'a', 'c'], conversions: 2, nulls: 3 },
      { path: ['b', 'b', 'c'], conversions: 1, nulls: 4 },
      { path: ['c', 'a', 'a', 'b', 'c'], conversions: 0, nulls: 2 },
      { path: ['a', 'c', 'b', 'a', 'c', 'b'], conversions: 4, nulls: 1 },
      { path: ['b'], conversions: 1, nulls: 1 },
    ];
    for (const order of [1, 2, 3, 4]) {
      for (const useNulls of [true, false]) {
        const dense = denseMarkov(rows, order, useNulls);
        const d = markovDetails(pathSetFromRows(rows), { order, useNulls });
        if (!d.ok) throw new Error(d.message);
        expect(Math.abs(d.value.p - dense.p)).toBeLessThanOrEqual(1e-9 * dense.p);
        for (const { channel, removalEffect } of d.value.removalEffects) {
          expect(Math.abs(removalEffect - dense.removalEffects[channel]!)).toBeLessThanOrEqual(
            1e-9,
          );
        }
      }
    }
  });
});
