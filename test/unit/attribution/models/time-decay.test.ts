import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeJourney } from '../../../../src/attribution/attribute.js';
import { assembleJourney, DEFAULT_JOURNEY_OPTIONS } from '../../../../src/attribution/journey.js';
import { timeDecay } from '../../../../src/attribution/models/time-decay.js';
import type { Journey, Touchpoint } from '../../../../src/attribution/types.js';
import { runRuleModelContract } from './contract.js';
import { fractionsOf } from './helpers.js';

runRuleModelContract(timeDecay, [
  undefined,
  { halfLifeDays: 7 },
  { halfLifeDays: 0.5 },
  { halfLifeDays: 90 },
]);

const DAY = 86_400_000;
const T = Date.UTC(2024, 5, 1, 12);

/** A won deal closing at T + shift with touches `daysBefore` days before the close. */
function journey(daysBefore: readonly number[], cents = 100, shift = 0): Journey {
  const touches: Touchpoint[] = daysBefore.map((d, i) => ({
    id: `t${String(i)}`,
    occurredAt: T + shift - Math.round(d * DAY),
    contactIds: ['c'],
    channel: 'email',
    kind: 'visit',
    team: 'marketing',
  }));
  return assembleJourney(
    {
      deal: {
        id: 'd',
        amount: { cents, currency: 'USD' },
        createdAt: T + shift - 60 * DAY,
        closedAt: T + shift,
        stage: 'won',
        contactIds: ['c'],
        companyIds: [],
      },
      contacts: [{ id: 'c', createdAt: T + shift - 100 * DAY }],
      touches,
    },
    DEFAULT_JOURNEY_OPTIONS,
    T + shift + DAY,
  );
}

describe('time_decay', () => {
  it('reproduces the public example: 38, 33, 26, 8, 0 days → 17 519 … 754 545 cents of 12 000.00', () => {
    const a = attributeJourney(journey([38, 33, 26, 8, 0], 1_200_000), 'time_decay');
    expect(a.credits.map((c) => c.cents)).toEqual([17_519, 28_744, 57_488, 341_704, 754_545]);
    const pct = a.credits.map((c) => Number((c.fraction * 100).toFixed(4)));
    expect(pct).toEqual([1.46, 2.3953, 4.7906, 28.4754, 62.8787]);
  });

  it("follows Google's rule: 8 days before earns half of 1 day before (1/3 and 2/3)", () => {
    expect(fractionsOf(journey([8, 1]), 'time_decay')).toEqual([1 / 3, 2 / 3]);
  });

  it('honours the half-life option', () => {
    const f = fractionsOf(journey([2, 0]), 'time_decay', { halfLifeDays: 2 });
    expect(f).toEqual([1 / 3, 2 / 3]);
  });

  it('never gives a later touch less, gives equal times equal credit, and ignores a shift (§7.6)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 * 24 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.double({ min: 0.1, max: 60, noNaN: true }),
        (hoursBefore, shiftMinutes, halfLifeDays) => {
          const days = hoursBefore.map((h) => h / 24);
          const j = journey(days);
          const f = fractionsOf(j, 'time_decay', { halfLifeDays });
          for (let i = 1; i < f.length; i++) {
            expect(f[i]!).toBeGreaterThanOrEqual(f[i - 1]!); // ordered by time
            if (j.touches[i]!.occurredAt === j.touches[i - 1]!.occurredAt) {
              expect(f[i]).toBe(f[i - 1]);
            }
          }
          const moved = journey(days, 100, shiftMinutes * 60_000);
          expect(fractionsOf(moved, 'time_decay', { halfLifeDays })).toEqual(f);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('does not underflow on very old touches', () => {
    const f = fractionsOf(journey([420, 419]), 'time_decay', { halfLifeDays: 0.1 });
    expect(f[0]! + f[1]!).toBeCloseTo(1, 12);
    expect(f[1]).toBeGreaterThan(0.99);
  });

  it('rejects a non-positive half-life, naming the field', () => {
    const r = timeDecay.options.safeParse({ halfLifeDays: 0 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('halfLifeDays');
    expect(timeDecay.options.parse({})).toEqual({ halfLifeDays: 7 });
  });
});
