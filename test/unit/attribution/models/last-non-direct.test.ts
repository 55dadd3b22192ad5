import { describe, expect, it } from 'vitest';
import { assembleJourney, DEFAULT_JOURNEY_OPTIONS } from '../../../../src/attribution/journey.js';
import { lastNonDirect } from '../../../../src/attribution/models/last-non-direct.js';
import type { Touchpoint } from '../../../../src/attribution/types.js';
import { runRuleModelContract } from './contract.js';
import { fractionsOf } from './helpers.js';

runRuleModelContract(lastNonDirect, []);

const DAY = 86_400_000;
function journey(channels: readonly string[], directChannels?: readonly string[]) {
  const touches: Touchpoint[] = channels.map((channel, i) => ({
    id: `t${String(i)}`,
    occurredAt: i * DAY,
    contactIds: ['c'],
    channel,
    kind: 'visit',
    team: 'marketing',
  }));
  return assembleJourney(
    {
      deal: {
        id: 'd',
        amount: { cents: 100, currency: 'USD' },
        createdAt: 0,
        closedAt: 30 * DAY,
        stage: 'won',
        contactIds: ['c'],
        companyIds: [],
      },
      contacts: [{ id: 'c', createdAt: 0 }],
      touches,
    },
    directChannels ? { ...DEFAULT_JOURNEY_OPTIONS, directChannels } : DEFAULT_JOURNEY_OPTIONS,
    40 * DAY,
  );
}

describe('last_non_direct', () => {
  it('skips trailing direct touches, case-insensitively', () => {
    expect(
      fractionsOf(journey(['email', 'paid', 'Direct', 'DIRECT_TRAFFIC']), 'last_non_direct'),
    ).toEqual([0, 1, 0, 0]);
  });

  it('falls back to the last touch when every touch is direct', () => {
    expect(fractionsOf(journey(['direct', 'Direct']), 'last_non_direct')).toEqual([0, 1]);
  });

  it('uses the configured direct channels', () => {
    expect(fractionsOf(journey(['email', 'none'], ['None']), 'last_non_direct')).toEqual([1, 0]);
  });
});
