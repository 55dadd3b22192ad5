import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleModelId } from '../../../src/domain/index.js';
import { attributeJourney } from '../../../src/attribution/attribute.js';
import { allocateCents } from '../../../src/attribution/cents.js';
import { assembleJourney, parseJourneyOptions } from '../../../src/attribution/journey.js';
import { allocate } from '../../../src/attribution/money.js';
import type { Contact, Journey, Touchpoint } from '../../../src/attribution/types.js';
import {
  at,
  C1,
  C1_IMPORTED,
  C2,
  DEAL,
  TOUCHES,
  TOUCHES_NO_LC,
  without,
} from './worked-example.js';

function journeyOf(
  options: Record<string, unknown> = {},
  { contacts = [C1, C2], touches = TOUCHES, deal = DEAL, now = at('2025-01-01T00:00') } = {},
): Journey {
  const o = parseJourneyOptions(options);
  if (!o.ok) throw new Error(o.message);
  return assembleJourney({ deal, contacts, touches }, o.value, now);
}

const cents = (j: Journey, model: RuleModelId, options?: unknown): number[] => {
  const a = attributeJourney(j, model, options);
  if (a.status !== 'attributed') throw new Error(a.reason);
  return a.credits.map((c) => c.cents);
};

describe('attributeJourney: the worked examples of ATTRIBUTION.md §2.5', () => {
  it.each<[RuleModelId, number[]]>([
    ['linear', [166_667, 166_667, 166_667, 166_667, 166_666, 166_666]],
    ['position_based', [400_000, 50_000, 50_000, 50_000, 50_000, 400_000]],
    ['u_shaped', [400_000, 400_000, 50_000, 50_000, 50_000, 50_000]],
    ['w_shaped', [300_000, 300_000, 33_334, 300_000, 33_333, 33_333]],
    ['full_path', [225_000, 225_000, 50_000, 225_000, 50_000, 225_000]],
    ['j_shaped', [200_000, 50_000, 50_000, 50_000, 50_000, 600_000]],
    ['inverse_j', [600_000, 50_000, 50_000, 50_000, 50_000, 200_000]],
    ['time_decay', [0, 1, 31, 109, 7_141, 992_718]],
  ])('%s splits deal D as published', (model, expected) => {
    expect(cents(journeyOf(), model)).toEqual(expected);
  });

  it('lists each touch with its roles (t7 after close is excluded)', () => {
    const a = attributeJourney(journeyOf(), 'full_path');
    expect(a.credits.map((c) => [c.touchId, c.roles.join('+')])).toEqual([
      ['t1', 'FIRST'],
      ['t2', 'LC'],
      ['t3', ''],
      ['t4', 'OC'],
      ['t5', ''],
      ['t6', 'LAST+LND+CW'],
    ]);
  });

  it('"No LC": renormalises u_shaped, w_shaped and full_path', () => {
    const j = journeyOf({}, { contacts: [C1_IMPORTED, C2], touches: TOUCHES_NO_LC });
    expect(j.milestones.LC).toBeUndefined();
    expect(cents(j, 'u_shaped')).toEqual([666_667, 66_667, 66_667, 66_667, 66_666, 66_666]);
    expect(cents(j, 'w_shaped')).toEqual([428_572, 35_714, 35_714, 428_572, 35_714, 35_714]);
    expect(cents(j, 'full_path')).toEqual([290_323, 43_011, 43_011, 290_322, 43_011, 290_322]);
  });

  it('"Open": full_path renormalises, or gives t5 a pending close', () => {
    const openDeal = { ...without(DEAL, 'closedAt'), stage: 'open' as const };
    const now = at('2024-04-15T00:00');
    const renormalised = journeyOf({}, { deal: openDeal, now });
    expect(renormalised.touches.map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(cents(renormalised, 'full_path')).toEqual([290_323, 290_323, 64_516, 290_322, 64_516]);
    const pending = journeyOf({ openDealClosing: 'pending' }, { deal: openDeal, now });
    expect(pending.pendingClose).toBe(true);
    expect(cents(pending, 'full_path')).toEqual([225_000, 225_000, 100_000, 225_000, 225_000]);
    const a = attributeJourney(pending, 'full_path');
    expect(a.credits[4]?.reason).toBe(
      '22.5% — Pending: would be the closing touch of this open deal',
    );
  });

  it('"Coinciding": t1 = FT + LC, t2 = OC + CW', () => {
    const touches: Touchpoint[] = [
      { ...TOUCHES[1]!, id: 'a', occurredAt: at('2024-01-10T10:00') },
      { ...TOUCHES[3]!, id: 'b', contactIds: ['C1'] },
    ];
    const deal = { ...DEAL, contactIds: ['C1'] };
    const j = journeyOf({}, { deal, contacts: [C1], touches });
    expect(j.milestones).toMatchObject({ FIRST: 0, LC: 0, OC: 1, CW: 1 });
    const pct = (m: RuleModelId): number[] =>
      attributeJourney(j, m).credits.map((c) => Number((c.fraction * 100).toFixed(3)));
    expect(pct('u_shaped')).toEqual([80, 20]);
    expect(pct('w_shaped')).toEqual([66.667, 33.333]);
    expect(pct('full_path')).toEqual([50, 50]);
    expect(pct('position_based')).toEqual([50, 50]);
  });

  it('gives one touch 100 % everywhere', () => {
    const j = journeyOf({}, { touches: [TOUCHES[2]!] });
    for (const m of ['linear', 'u_shaped', 'w_shaped', 'full_path', 'time_decay'] as const) {
      expect(cents(j, m)).toEqual([1_000_000]);
    }
  });
});

describe('attributeJourney: unattributed outcomes', () => {
  it('books the whole amount as unattributed for an empty journey', () => {
    const j = journeyOf({}, { touches: [TOUCHES[6]!] }); // only the touch after close
    expect(attributeJourney(j, 'linear')).toEqual({
      status: 'unattributed',
      dealId: 'D',
      model: 'linear',
      amount: DEAL.amount,
      reason: 'empty_journey',
      credits: [],
      unattributedCents: 1_000_000,
    });
  });
});

describe('attributeJourney: contact role weights', () => {
  const contacts: Contact[] = [
    { ...C1, role: 'decision_maker' },
    { ...C2, role: 'user' },
  ];
  const weights = { decision_maker: 1.5, user: 0.5 };

  it('multiplies each touch by its contacts’ largest role weight, then renormalises', () => {
    const j = journeyOf({}, { contacts });
    const a = attributeJourney(j, 'linear', undefined, { contactRoleWeights: weights });
    // C1 touches t1, t2, t5 weigh 1.5; C2 touches t3, t4, t6 weigh 0.5: 1.5/6 and 0.5/6.
    const f = a.credits.map((c) => c.fraction);
    [0.25, 0.25, 1 / 12, 1 / 12, 0.25, 1 / 12].forEach((e, i) => {
      expect(f[i]).toBeCloseTo(e, 15);
    });
    expect(a.credits.reduce((s, c) => s + c.cents, 0)).toBe(1_000_000);
    expect(a.credits[0]?.reason).toBe(
      '25% — one of 6 touches, equal shares (decision maker weighted ×1.5)',
    );
  });

  it('treats unknown roles and contacts without a role as weight 1', () => {
    const j = journeyOf({}, { contacts: [{ ...C1, role: 'champion' }, C2] });
    const a = attributeJourney(j, 'linear', undefined, { contactRoleWeights: weights });
    a.credits.forEach((c) => {
      expect(c.fraction).toBeCloseTo(1 / 6, 15);
    });
  });

  it('takes the largest weight when a touch has several buying-group contacts', () => {
    const touches = TOUCHES.map((t) => (t.id === 't3' ? { ...t, contactIds: ['C2', 'C1'] } : t));
    const j = journeyOf({}, { contacts, touches });
    const a = attributeJourney(j, 'linear', undefined, { contactRoleWeights: weights });
    // four touches now weigh 1.5 (t1, t2, t3, t5) and two 0.5: Σ = 7.
    expect(a.credits[2]?.fraction).toBeCloseTo(1.5 / 7, 15);
  });

  it('leaves the deal unattributed when every weighted fraction is 0', () => {
    const j = journeyOf({}, { contacts });
    const a = attributeJourney(j, 'first_touch', undefined, {
      contactRoleWeights: { decision_maker: 0 },
    });
    expect(a).toMatchObject({ status: 'unattributed', reason: 'no_weighted_role' });
  });
});

describe('allocateCents', () => {
  it('equals money.allocate (largest remainder, ties to the earlier touch)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e13 }),
        fc.array(
          fc.oneof(fc.constant(0), fc.constant(0.1), fc.double({ min: 0, max: 1, noNaN: true })),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        (amount, fs) => {
          fc.pre(fs.some((f) => f > 0));
          expect(allocateCents(amount, fs)).toEqual(allocate(amount, fs));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reproduces the §3 examples', () => {
    expect(allocateCents(14_000, [1 / 3, 1 / 3, 1 / 3])).toEqual([4667, 4667, 4666]);
    expect(allocateCents(123_457, [0.3, 0.3, 0.3, 0.05, 0.05])).toEqual([
      37_037, 37_037, 37_037, 6173, 6173,
    ]);
  });
});
