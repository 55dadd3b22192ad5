import { describe, expect, it } from 'vitest';
import { attributeJourney } from '../../../src/attribution/attribute.js';
import {
  cachedReason,
  explainCredit,
  explainUnattributed,
  formatPercent,
  type ReasonInput,
} from '../../../src/attribution/explain.js';
import { assembleJourney, DEFAULT_JOURNEY_OPTIONS } from '../../../src/attribution/journey.js';
import { C1, C2, DEAL, TOUCHES } from './worked-example.js';

const NOW = Date.UTC(2025, 0, 1);
const journey = assembleJourney(
  { deal: DEAL, contacts: [C1, C2], touches: TOUCHES },
  DEFAULT_JOURNEY_OPTIONS,
  NOW,
);

const base: ReasonInput = {
  model: 'u_shaped',
  fraction: 0.4,
  touchCount: 6,
  roles: ['FIRST'],
  middle: false,
  middleCount: 4,
  pendingClose: false,
  open: false,
};

describe('formatPercent', () => {
  it('shows at most one decimal, no trailing .0, and never rounds a share to 0 or 100', () => {
    expect(formatPercent(0.4)).toBe('40%');
    expect(formatPercent(0.123)).toBe('12.3%');
    expect(formatPercent(1 / 3)).toBe('33.3%');
    expect(formatPercent(0.0500001)).toBe('5%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.00001)).toBe('<0.1%');
    expect(formatPercent(0.99999)).toBe('>99.9%');
  });
});

describe('explainCredit', () => {
  it('names the roles a touch holds', () => {
    expect(explainCredit(base)).toBe('40% — first touch');
    expect(explainCredit({ ...base, fraction: 0.3, roles: ['FIRST', 'LC'] })).toBe(
      '30% — first touch and lead creation',
    );
    expect(explainCredit({ ...base, fraction: 0.45, roles: ['FIRST', 'LC', 'OC'] })).toBe(
      '45% — first touch, lead creation and deal creation',
    );
  });

  it('describes middle touches and linear shares', () => {
    expect(explainCredit({ ...base, fraction: 0.05, roles: [], middle: true })).toBe(
      '5% — one of 4 middle touches',
    );
    expect(explainCredit({ ...base, fraction: 0.2, roles: [], middle: true, middleCount: 1 })).toBe(
      '20% — the only middle touch',
    );
    expect(
      explainCredit({
        ...base,
        model: 'linear',
        fraction: 1 / 6,
        roles: [],
        middle: true,
        middleCount: 6,
      }),
    ).toBe('16.7% — one of 6 touches, equal shares');
  });

  it('explains time decay in days before close and the half-life', () => {
    const x = {
      ...base,
      model: 'time_decay' as const,
      roles: [],
      fraction: 0.123,
      halfLifeDays: 7,
    };
    expect(explainCredit({ ...x, daysBeforeEnd: 3 })).toBe(
      '12.3% — time decay: 3 days before close (half-life 7 days)',
    );
    expect(explainCredit({ ...x, daysBeforeEnd: 1 })).toContain('1 day before close');
    expect(explainCredit({ ...x, daysBeforeEnd: 0.01 })).toContain('at close');
    expect(explainCredit({ ...x, daysBeforeEnd: 2.5, open: true })).toContain(
      '2.5 days before now (deal still open)',
    );
  });

  it('marks the pending close of an open deal', () => {
    const pending = { ...base, pendingClose: true, open: true, fraction: 0.225 };
    expect(explainCredit({ ...pending, roles: ['CW'] })).toBe(
      '22.5% — Pending: would be the closing touch of this open deal',
    );
    expect(explainCredit({ ...pending, roles: ['LAST', 'CW'] })).toBe(
      '22.5% — last touch and pending closing touch (the deal is still open)',
    );
  });

  it('says "only touch" for a journey of one, and shows a role weight', () => {
    expect(explainCredit({ ...base, fraction: 1, touchCount: 1 })).toBe('100% — only touch');
    expect(explainCredit({ ...base, roleWeight: { role: 'decision_maker', weight: 1.5 } })).toBe(
      '40% — first touch (decision maker weighted ×1.5)',
    );
  });

  it('says when a touch holds no role the model credits', () => {
    expect(explainCredit({ ...base, model: 'first_touch', fraction: 0, roles: [] })).toBe(
      '0% — holds no role this model credits',
    );
  });

  it('caches without changing any text', () => {
    const inputs: ReasonInput[] = [
      base,
      { ...base, roles: ['LC'] },
      { ...base, roles: [], middle: true, fraction: 0.05 },
      { ...base, roles: [], middle: true, fraction: 0.05, middleCount: 5 },
      { ...base, model: 'time_decay', roles: [], daysBeforeEnd: 3, halfLifeDays: 7 },
      { ...base, model: 'time_decay', roles: [], daysBeforeEnd: 3, halfLifeDays: 8 },
      { ...base, model: 'time_decay', roles: [], daysBeforeEnd: 3, halfLifeDays: 7, open: true },
      { ...base, roles: ['CW'], pendingClose: true },
    ];
    for (let round = 0; round < 2; round++) {
      for (const x of inputs) expect(cachedReason(x)).toBe(explainCredit(x));
    }
  });

  it('gives every credit of the §2.5 deal a reason', () => {
    const a = attributeJourney(journey, 'w_shaped');
    expect(a.credits.map((c) => c.reason)).toEqual([
      '30% — first touch',
      '30% — lead creation',
      '3.3% — one of 3 middle touches',
      '30% — deal creation',
      '3.3% — one of 3 middle touches',
      '3.3% — one of 3 middle touches',
    ]);
    const td = attributeJourney(journey, 'time_decay');
    expect(td.credits[5]?.reason).toBe(
      '99.3% — time decay: 2 days before close (half-life 7 days)',
    );
  });
});

describe('explainUnattributed', () => {
  it('explains an empty journey with the window', () => {
    expect(explainUnattributed(journey, 'empty_journey')).toBe(
      'No touch of the buying group in the 365-day window before deal creation or from then until its close; the whole amount is unattributed.',
    );
    expect(explainUnattributed(journey, 'no_weighted_role')).toContain('No touch holds a role');
  });
});
