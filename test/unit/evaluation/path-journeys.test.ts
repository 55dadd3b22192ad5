// A path file as deals for the evaluation: one won deal per conversion, one lost per null, the
// row's channels as touches in order; a seeded random close order; fractional counts refused.

import { describe, expect, it } from 'vitest';
import { pathSetFromRows } from '../../../src/attribution/index.js';
import { journeysFromPathSet } from '../../../src/evaluation/path-journeys.js';

const paths = pathSetFromRows([
  { path: ['a', 'b'], conversions: 2, nulls: 1, value: 50 },
  { path: ['c'], conversions: 0, nulls: 3 },
  { path: ['b', 'a', 'b'], conversions: 1, nulls: 0, value: 7 },
]);

describe('journeysFromPathSet', () => {
  it('expands every conversion and null into a deal with the row’s touches', () => {
    const r = journeysFromPathSet(paths, 1);
    if (!r.ok) throw new Error(r.message);
    const j = r.value;
    expect(j).toHaveLength(7);
    const key = (x: (typeof j)[number]) =>
      `${x.deal.stage}:${x.touches.map((t) => t.channel).join('>')}`;
    const counts = new Map<string, number>();
    for (const x of j) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({
      'won:a>b': 2,
      'lost:a>b': 1,
      'lost:c': 3,
      'won:b>a>b': 1,
    });
    // The row's value is spread over its conversions, in cents.
    expect(j.filter((x) => key(x) === 'won:a>b').map((x) => x.deal.amount.cents)).toEqual([
      2500, 2500,
    ]);
    expect(j.find((x) => key(x) === 'won:b>a>b')!.deal.amount.cents).toBe(700);
    for (const x of j) {
      expect(x.deal.closedAt).toBe(x.end);
      for (const t of x.touches) expect(t.occurredAt).toBeLessThan(x.end);
    }
  });

  it('orders the deals by the seed: the same seed the same order, another seed another', () => {
    const order = (seed: number) => {
      const r = journeysFromPathSet(paths, seed);
      if (!r.ok) throw new Error(r.message);
      return [...r.value]
        .sort((a, b) => a.deal.closedAt! - b.deal.closedAt!)
        .map((x) => `${x.deal.stage}:${x.touches.map((t) => t.channel).join('>')}`)
        .join(' ');
    };
    expect(order(3)).toBe(order(3));
    const orders = new Set([1, 2, 3, 4, 5, 6].map(order));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('refuses fractional counts, naming the row', () => {
    const r = journeysFromPathSet(
      pathSetFromRows([{ path: ['a'], conversions: 1.5, nulls: 0 }]),
      1,
    );
    expect(r).toMatchObject({ ok: false, error: 'fractional_counts' });
    if (!r.ok) expect(r.message).toMatch(/path row 1: conversions 1.5/);
  });
});
