import { describe, expect, it } from 'vitest';
import { wShaped } from '../../../../src/attribution/models/w-shaped.js';
import { runRuleModelContract } from './contract.js';
import { assembleJourney, DEFAULT_JOURNEY_OPTIONS } from '../../../../src/attribution/journey.js';
import { fractionsOf } from './helpers.js';

runRuleModelContract(wShaped, []);

const DAY = 86_400_000;

describe('w_shaped', () => {
  it('gives 1/3 to each milestone when there is no middle touch', () => {
    // t0 first, t1 creates the contact, t2 is the last touch before deal creation.
    const touches = [0, 1, 2].map((i) => ({
      id: `t${String(i)}`,
      occurredAt: i * DAY,
      contactIds: ['c'],
      channel: 'email',
      kind: 'visit' as const,
      team: 'marketing' as const,
      ...(i === 1 ? { createdContactIds: ['c'] } : {}),
    }));
    const j = assembleJourney(
      {
        deal: {
          id: 'd',
          amount: { cents: 100, currency: 'USD' },
          createdAt: 2 * DAY,
          closedAt: 9 * DAY,
          stage: 'won',
          contactIds: ['c'],
          companyIds: [],
        },
        contacts: [{ id: 'c', createdAt: DAY }],
        touches,
      },
      DEFAULT_JOURNEY_OPTIONS,
      10 * DAY,
    );
    expect(j.milestones).toMatchObject({ FIRST: 0, LC: 1, OC: 2 });
    fractionsOf(j, 'w_shaped').forEach((f) => {
      expect(f).toBeCloseTo(1 / 3, 15);
    });
  });
});
