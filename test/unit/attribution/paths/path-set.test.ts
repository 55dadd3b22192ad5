import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PathSetBuilder, pathSetFromRows } from '../../../../src/attribution/paths/path-set.js';

const rowsOf = (ps: ReturnType<typeof pathSetFromRows>) =>
  Array.from({ length: ps.size }, (_, r) => ({
    path: Array.from(ps.steps.subarray(ps.offsets[r], ps.offsets[r + 1]), (i) => ps.channels[i]),
    conversions: ps.conversions[r],
    nulls: ps.nulls[r],
    value: ps.values[r],
  }));

describe('PathSet', () => {
  it('merges equal paths, sorts channels and rows canonically, keeps empty paths apart', () => {
    const ps = pathSetFromRows([
      { path: ['b', 'a'], conversions: 1, nulls: 2, value: 3 },
      { path: ['a'], conversions: 1 },
      { path: [], conversions: 4, value: 9 },
      { path: ['b', 'a'], conversions: 2, nulls: 0, value: 1 },
      { path: ['a', 'b', 'a'], conversions: 0, nulls: 0, value: 7 }, // ignored: no conv, no null
      { path: ['B'], conversions: 0, nulls: 1 },
    ]);
    expect(ps.channels).toEqual(['B', 'a', 'b']);
    expect(rowsOf(ps)).toEqual([
      { path: ['B'], conversions: 0, nulls: 1, value: 0 },
      { path: ['a'], conversions: 1, nulls: 0, value: 0 },
      { path: ['b', 'a'], conversions: 3, nulls: 2, value: 4 },
    ]);
    expect(ps.totalConversions).toBe(4);
    expect(ps.totalNulls).toBe(3);
    expect(ps.totalValue).toBe(4);
    expect(ps.unattributed).toEqual({ rows: 1, conversions: 4, value: 9, nulls: 0 });
  });

  it('is independent of input order, across hash-table growth', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      path: Array.from({ length: 1 + (i % 7) }, (_, j) => `c${(i * 31 + j * 17) % 13}`),
      conversions: i % 3,
      nulls: (i + 1) % 2,
      value: i / 10,
    }));
    const a = pathSetFromRows(rows);
    const b = pathSetFromRows([...rows].reverse());
    expect(rowsOf(b)).toEqual(rowsOf(a));
    expect(a.channels).toEqual(b.channels);
  });

  it('accepts provisional ids from channelId', () => {
    const b = new PathSetBuilder();
    const z = b.channelId('z');
    const y = b.channelId('y');
    b.add([z, y, z], 3, 1, 0, 2);
    const ps = b.build();
    expect(ps.channels).toEqual(['y', 'z']);
    expect(Array.from(ps.steps)).toEqual([1, 0, 1]);
  });
});

describe('PathSet channels', () => {
  it('lists only channels of rows that count', () => {
    const ps = pathSetFromRows([
      { path: ['a'], conversions: 1 },
      { path: ['ghost'], conversions: 0, nulls: 0, value: 5 },
    ]);
    expect(ps.channels).toEqual(['a']);
  });

  it('orders many rows sharing long prefixes exactly as a full lexicographic comparison', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      path: Array.from({ length: 1 + (i % 9) }, (_, j) => `c${j < 6 ? 1 : (i * 7 + j) % 4}`),
      conversions: 1,
    }));
    const ps = pathSetFromRows(rows);
    const seqs = Array.from({ length: ps.size }, (_, r) =>
      Array.from(ps.steps.subarray(ps.offsets[r], ps.offsets[r + 1])),
    );
    const lex = (a: number[], b: number[]) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++)
        if (a[i] !== b[i]) return a[i]! - b[i]!;
      return a.length - b.length;
    };
    expect([...seqs].sort(lex)).toEqual(seqs);
  });
});

describe('PathSet canonical form, against a naive sort and merge', () => {
  const naive = (rows: { path: string[]; conversions: number; nulls: number; value: number }[]) => {
    const kept = rows.filter((r) => r.conversions !== 0 || r.nulls !== 0);
    const channels = [...new Set(kept.flatMap((r) => r.path))].sort();
    const id = new Map(channels.map((c, i) => [c, i]));
    const groups = new Map<string, { ids: number[]; triples: number[][] }>();
    for (const r of kept) {
      if (r.path.length === 0) continue;
      const ids = r.path.map((c) => id.get(c)!);
      const key = ids.join(',');
      const g = groups.get(key) ?? { ids, triples: [] };
      g.triples.push([r.conversions, r.nulls, r.value]);
      groups.set(key, g);
    }
    const lex = (a: number[], b: number[]) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++)
        if (a[i] !== b[i]) return a[i]! - b[i]!;
      return a.length - b.length;
    };
    return [...groups.values()]
      .sort((a, b) => lex(a.ids, b.ids))
      .map((g) => {
        const t = g.triples.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!);
        return {
          path: g.ids.map((i) => channels[i]),
          conversions: t.reduce((s, x) => s + x[0]!, 0),
          nulls: t.reduce((s, x) => s + x[1]!, 0),
          value: t.reduce((s, x) => s + x[2]!, 0),
        };
      });
  };

  it('orders and merges rows with long shared prefixes and many duplicates exactly', () => {
    // Few channels, long paths sharing prefixes longer than one sort key, groups of > 16 rows.
    const path = fc.oneof(
      fc.array(fc.constantFrom('a', 'b'), { maxLength: 40 }),
      fc
        .tuple(fc.integer({ min: 0, max: 30 }), fc.array(fc.constantFrom('a', 'b', 'c')))
        .map(([n, tail]) => [...Array.from({ length: n }, () => 'a'), ...tail]),
    );
    const row = fc.record({
      path,
      conversions: fc.integer({ min: 0, max: 3 }),
      nulls: fc.integer({ min: 0, max: 2 }),
      value: fc.double({ min: 0, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 300 }), (rows) => {
        const doubled = [...rows, ...rows.slice(0, 40)];
        expect(rowsOf(pathSetFromRows(doubled))).toEqual(naive(doubled));
      }),
      { numRuns: 60 },
    );
  });
});
