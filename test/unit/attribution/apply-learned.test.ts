import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attributeWithLearned,
  channelWeights,
  rowsFromJourneys,
} from '../../../src/attribution/apply-learned.js';
import type { LearnedModel } from '../../../src/attribution/models/model.js';
import { journey } from './plain-journey.js';

/** F7's Markov result: RE 2/3, 8/15, 28/57 (∝ 95 : 76 : 70); conversions deliberately different. */
const F7_MARKOV: LearnedModel = {
  model: 'markov',
  channels: [
    { channel: 'A', conversions: 1, value: 3, removalEffect: 2 / 3 },
    { channel: 'B', conversions: 5, value: 15, removalEffect: 8 / 15 },
    { channel: 'C', conversions: 3, value: 9, removalEffect: 28 / 57 },
  ],
  totalConversions: 9,
  totalValue: 27,
  warnings: [],
};

const SHAPLEY: LearnedModel = {
  model: 'shapley',
  channels: [
    { channel: 'email', conversions: 1, value: 100 },
    { channel: 'paid_search', conversions: 3, value: 50 },
    { channel: 'webinar', conversions: 0, value: 0 },
  ],
  totalConversions: 4,
  totalValue: 150,
  warnings: [],
};

describe('channelWeights', () => {
  it('normalises Markov removal effects, not conversions (F7: 95/241, 76/241, 70/241)', () => {
    const w = channelWeights(F7_MARKOV);
    expect(w.get('A')).toBeCloseTo(95 / 241, 14);
    expect(w.get('B')).toBeCloseTo(76 / 241, 14);
    expect(w.get('C')).toBeCloseTo(70 / 241, 14);
  });

  it("normalises the other models' conversions, and is all 0 when nothing has credit", () => {
    expect([...channelWeights(SHAPLEY)]).toEqual([
      ['email', 0.25],
      ['paid_search', 0.75],
      ['webinar', 0],
    ]);
    const none = { ...SHAPLEY, channels: SHAPLEY.channels.map((c) => ({ ...c, conversions: 0 })) };
    expect([...channelWeights(none).values()]).toEqual([0, 0, 0]);
  });
});

describe('attributeWithLearned', () => {
  it('reproduces the §4.5 example: A, B, B on 1 000.00 → 55 556, 22 222, 22 222 cents', () => {
    const a = attributeWithLearned(journey(['A', 'B', 'B']), F7_MARKOV);
    if (a.status !== 'attributed') throw new Error(a.status);
    expect(a.credits.map((c) => c.cents)).toEqual([55_556, 22_222, 22_222]);
    expect(a.credits[0]!.fraction).toBeCloseTo(5 / 9, 14);
    expect(a.credits[1]!.fraction).toBeCloseTo(2 / 9, 14);
    expect(a.credits[2]!.fraction).toBe(a.credits[1]!.fraction);
    expect(a.model).toBe('markov');
    expect(a.fallback).toBeUndefined();
    expect(a.unattributedCents).toBe(0);
  });

  it('explains each credit with the channel’s portal-wide weight and how many touches share it', () => {
    const a = attributeWithLearned(journey(['A', 'B', 'B', 'Z']), F7_MARKOV, 'markov_k1');
    if (a.status !== 'attributed') throw new Error(a.status);
    expect(a.model).toBe('markov_k1');
    const [first, second, , unknown] = a.credits.map((c) => c.reason);
    expect(first).toBe(
      '55.6% — A earns 39.4% of credit across the portal (Markov removal effect); it is the only touch of that channel here',
    );
    expect(second).toBe(
      '22.2% — B earns 31.5% of credit across the portal (Markov removal effect); 2 touches here share it',
    );
    expect(unknown).toBe('0% — Z does not appear in the journeys the Markov model learned from');
  });

  it('gives unknown and uncredited channels nothing and renormalises over the rest', () => {
    const a = attributeWithLearned(journey(['webinar', 'email', 'new', 'paid_search']), SHAPLEY);
    if (a.status !== 'attributed') throw new Error(a.status);
    expect(a.credits.map((c) => c.cents)).toEqual([0, 25_000, 0, 75_000]);
    expect(a.credits[0]!.reason).toBe(
      '0% — webinar earns no credit across the portal (Shapley value on conversion rates)',
    );
  });

  it('falls back to linear, and says so, when no channel of the deal has weight', () => {
    const a = attributeWithLearned(journey(['webinar', 'new', 'webinar'], { cents: 100 }), SHAPLEY);
    if (a.status !== 'attributed') throw new Error(a.status);
    expect(a.fallback).toBe('linear');
    expect(a.credits.map((c) => c.cents)).toEqual([34, 33, 33]); // §3: ties to the earlier touch
    expect(a.credits[0]!.reason).toBe(
      '33.3% — no channel of this deal earns credit in the Shapley model, so all 3 touches share equally',
    );
  });

  it('books an empty journey to unattributed', () => {
    expect(attributeWithLearned(journey([], { cents: 12_345 }), SHAPLEY)).toEqual({
      status: 'unattributed',
      dealId: 'd1',
      model: 'shapley',
      amount: { cents: 12_345, currency: 'USD' },
      reason: 'empty_journey',
      credits: [],
      unattributedCents: 12_345,
    });
  });

  it("lists the roles each touch holds from the journey's milestones", () => {
    const a = attributeWithLearned(
      journey(['A', 'B', 'C'], { milestones: { FIRST: 0, LC: 0, OC: 1, LAST: 2, LND: 2, CW: 2 } }),
      F7_MARKOV,
    );
    expect(a.credits.map((c) => c.roles)).toEqual([['FIRST', 'LC'], ['OC'], ['LAST', 'LND', 'CW']]);
  });

  it('sums to the amount with equal fractions per channel, for any journey and weights', () => {
    const channels = ['A', 'B', 'C', 'D'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...channels, 'unknown'), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000_000 }),
        (path, credit, cents) => {
          const learned: LearnedModel = {
            ...SHAPLEY,
            channels: channels.map((channel, i) => ({
              channel,
              conversions: credit[i]!,
              value: 0,
            })),
          };
          const a = attributeWithLearned(journey(path, { cents }), learned);
          if (a.status !== 'attributed') throw new Error(a.status);
          expect(a.credits.reduce((s, c) => s + c.cents, 0)).toBe(cents);
          expect(Math.abs(a.credits.reduce((s, c) => s + c.fraction, 0) - 1)).toBeLessThanOrEqual(
            1e-12,
          );
          const w = channelWeights(learned);
          const known = new Set(path.filter((c) => (w.get(c) ?? 0) > 0));
          expect(a.fallback === 'linear').toBe(known.size === 0);
          for (const [i, c] of a.credits.entries()) {
            expect(c.fraction).toBeGreaterThanOrEqual(0);
            expect(Math.abs(c.cents - cents * c.fraction)).toBeLessThan(1);
            const j = path.indexOf(path[i]!);
            expect(c.fraction).toBe(a.credits[j]!.fraction); // same channel, same share
            if (known.size > 0 && !known.has(path[i]!)) expect(c.cents).toBe(0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the same fraction to each channel whatever the touch order', () => {
    const a = attributeWithLearned(journey(['A', 'B', 'C', 'B']), F7_MARKOV);
    const b = attributeWithLearned(journey(['B', 'C', 'B', 'A']), F7_MARKOV);
    const byChannel = (x: typeof a, path: string[]): Record<string, number> =>
      Object.fromEntries(x.credits.map((c) => [path[c.index]!, c.fraction] as const));
    expect(byChannel(b, ['B', 'C', 'B', 'A'])).toEqual(byChannel(a, ['A', 'B', 'C', 'B']));
  });
});

describe('rowsFromJourneys', () => {
  it('turns won deals into conversions worth the amount and lost deals into nulls', () => {
    const ps = rowsFromJourneys([
      journey(['email', 'paid_search'], { id: 'w1', cents: 150_050 }),
      journey(['email', 'paid_search'], { id: 'w2', cents: 1_000 }),
      journey(['email'], { id: 'l1', stage: 'lost' }),
      journey(['webinar'], { id: 'o1', stage: 'open' }),
      journey(['direct'], { id: 'y', cents: 5_000, currency: 'JPY' }),
      journey(['direct'], { id: 'k', cents: 1_234, currency: 'KWD' }),
    ]);
    const rows = Array.from({ length: ps.size }, (_, r) => ({
      path: Array.from(ps.steps.subarray(ps.offsets[r], ps.offsets[r + 1]), (i) => ps.channels[i]),
      conversions: ps.conversions[r],
      nulls: ps.nulls[r],
      value: ps.values[r],
    }));
    expect(ps.channels).toEqual(['direct', 'email', 'paid_search']); // the open deal is left out
    expect(rows).toEqual([
      { path: ['direct'], conversions: 2, nulls: 0, value: 5_000 + 1.234 },
      { path: ['email'], conversions: 0, nulls: 1, value: 0 },
      { path: ['email', 'paid_search'], conversions: 2, nulls: 0, value: 1_500.5 + 10 },
    ]);
    expect(ps.totalConversions).toBe(4);
    expect(ps.totalNulls).toBe(1);
  });

  it('counts won and lost journeys without touches as unattributed', () => {
    const ps = rowsFromJourneys([
      journey([], { cents: 2_000 }),
      journey([], { stage: 'lost' }),
      journey([], { stage: 'open' }),
      journey(['email']),
    ]);
    expect(ps.unattributed).toEqual({ rows: 2, conversions: 1, nulls: 1, value: 20 });
    expect(ps.totalConversions).toBe(1);
  });
});
