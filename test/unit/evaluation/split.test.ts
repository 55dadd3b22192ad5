import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closedJourneys,
  defaultCutoff,
  TEST_SHARE,
  timeSplit,
} from '../../../src/evaluation/split.js';
import { deal, shuffled } from './journeys.js';
import { DAY, T0 } from './synthetic.js';

const ids = (js: readonly { deal: { id: string } }[]) => js.map((j) => j.deal.id);

/** Ten closed deals k01..k10 closing on days 1..10, won and lost alternately, and two open ones. */
function portal() {
  const closed = Array.from({ length: 10 }, (_, i) =>
    deal(`k${String(i + 1).padStart(2, '0')}`, ['email'], {
      stage: i % 2 === 0 ? 'won' : 'lost',
      createdDay: 0,
      closedDay: i + 1,
    }),
  );
  const open = [deal('open1', ['email'], { stage: 'open' }), deal('open2', [], { stage: 'open' })];
  return [...closed, ...open];
}

describe('timeSplit', () => {
  it('by default holds out the latest 30 % of closed deals and never an open one', () => {
    expect(TEST_SHARE).toBe(0.3);
    const s = timeSplit(shuffled(portal(), 3));
    // ⌈0.3 · 10⌉ = 3: the deals closed on days 8, 9 and 10 are scored.
    expect(s.cutoff).toBe(T0 + 8 * DAY);
    expect(ids(s.train)).toEqual(['k01', 'k02', 'k03', 'k04', 'k05', 'k06', 'k07']);
    expect(ids(s.test)).toEqual(['k08', 'k09', 'k10']);
    expect(ids(s.closed)).toHaveLength(10);
    expect([...ids(s.closed), ...ids(s.test)]).not.toContain('open1');
    expect(ids(s.closed)).not.toContain('open2');
  });

  it('rounds the held-out count up and leaves ≈ 30 % on larger portals', () => {
    const closedOn = (n: number) =>
      Array.from({ length: n }, (_, i) => deal(`d${1000 + i}`, ['a'], { closedDay: i + 1 }));
    expect(timeSplit(closedOn(7)).test).toHaveLength(3); // ⌈2.1⌉
    expect(timeSplit(closedOn(1)).test).toHaveLength(1);
    const big = timeSplit(closedOn(200));
    expect(big.test).toHaveLength(60);
    expect(big.train).toHaveLength(140);
  });

  it('respects an explicit cut-off: before it trains, at or after it is scored', () => {
    const cutoff = T0 + 4 * DAY + 1; // just after the day-4 close
    const s = timeSplit(portal(), cutoff);
    expect(s.cutoff).toBe(cutoff);
    expect(ids(s.train)).toEqual(['k01', 'k02', 'k03', 'k04']);
    expect(ids(s.test)).toEqual(['k05', 'k06', 'k07', 'k08', 'k09', 'k10']);
    // A cut-off before every close trains on nothing; one after every close scores nothing.
    expect(timeSplit(portal(), T0).train).toHaveLength(0);
    expect(timeSplit(portal(), T0 + 100 * DAY).test).toHaveLength(0);
  });

  it('scores a deal closed exactly at the cut-off (documented: closedAt ≥ cutoff is held out)', () => {
    const s = timeSplit(portal(), T0 + 5 * DAY);
    expect(ids(s.test)[0]).toBe('k05');
    expect(ids(s.train)).not.toContain('k05');
  });

  it('puts every deal tied with the default cut-off on the scored side', () => {
    // Closes on days 1, 2, 3, 3, 3 (ids sort z1 < z2 < …): ⌈1.5⌉ = 2 to score, the first of them
    // closed on day 3, so all three day-3 deals are scored.
    const days = [1, 2, 3, 3, 3];
    const journeys = days.map((d, i) => deal(`z${i + 1}`, ['a'], { closedDay: d }));
    const s = timeSplit(shuffled(journeys, 9));
    expect(s.cutoff).toBe(T0 + 3 * DAY);
    expect(ids(s.train)).toEqual(['z1', 'z2']);
    expect(ids(s.test)).toEqual(['z3', 'z4', 'z5']);
  });

  it('has no cut-off and no deals without a closed deal', () => {
    const s = timeSplit([deal('o', ['a'], { stage: 'open' })]);
    expect(s).toEqual({ closed: [], train: [], test: [], cutoff: null });
    expect(defaultCutoff([])).toBeNull();
  });

  it('leaves out a won or lost deal without a close date', () => {
    const bad = deal('bad', ['a'], { stage: 'lost' });
    const noDate = { ...bad, deal: { ...bad.deal, closedAt: undefined } } as unknown as typeof bad;
    expect(closedJourneys([noDate, deal('ok', ['a'])]).map((j) => j.deal.id)).toEqual(['ok']);
  });

  it('for any close dates: train < cutoff ≤ test, ≥ ⌈30 %⌉ scored, the same for any input order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 40 }),
        fc.integer(),
        (days, seed) => {
          const journeys = days.map((d, i) =>
            deal(`p${String(i).padStart(2, '0')}`, ['a'], {
              closedDay: d,
              stage: i % 3 ? 'won' : 'lost',
            }),
          );
          const s = timeSplit(journeys);
          const n = days.length;
          expect(s.train.length + s.test.length).toBe(n);
          expect(s.test.length).toBeGreaterThanOrEqual(Math.ceil(TEST_SHARE * n));
          for (const j of s.train) expect(j.deal.closedAt).toBeLessThan(s.cutoff!);
          for (const j of s.test) expect(j.deal.closedAt).toBeGreaterThanOrEqual(s.cutoff!);
          // Ties aside the held-out count is exact: only deals closed on the cut-off day add to it.
          const atCutoff = s.test.filter((j) => j.deal.closedAt === s.cutoff).length;
          expect(s.test.length - atCutoff).toBeLessThan(Math.ceil(TEST_SHARE * n));
          const again = timeSplit(shuffled(journeys, seed));
          expect(ids(again.train)).toEqual(ids(s.train));
          expect(ids(again.test)).toEqual(ids(s.test));
        },
      ),
      { numRuns: 100 },
    );
  });
});
