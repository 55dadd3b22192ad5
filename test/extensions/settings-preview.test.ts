// The settings page's previews. The weights preview runs the domain's maths, the engine's own
// (test/unit/domain tests it): here, the engine finds the roles the example journey claims and
// splits it as the page shows. The typical-sources rules preview runs the domain's rule matcher,
// the backend's: here, how the page reports a match.
import { describe, expect, it } from 'vitest';
import type { RuleModelId } from '../../src/domain/index.js';
import {
  assembleJourney,
  attributeJourney,
  DEFAULT_JOURNEY_OPTIONS,
} from '../../src/attribution/index.js';
import type { Journey, Touchpoint } from '../../src/attribution/index.js';
import { MODELS } from '../../extensions/domain/index.js';
import type { ChannelRule } from '../../extensions/domain/index.js';
import { matchRules, SAMPLE_TOUCHES } from '../../extensions/app/settings/channel-preview.js';
import {
  EXAMPLE_JOURNEY,
  shareByPosition,
  shareByTimeDecay,
} from '../../extensions/app/settings/preview.js';

const DAY = 86_400_000;
const CLOSE = Date.UTC(2025, 5, 1);

/** EXAMPLE_JOURNEY as the engine sees it, so the engine finds the roles the preview claims. */
function exampleJourney(): Journey {
  const touches: Touchpoint[] = EXAMPLE_JOURNEY.map((t, i) => ({
    id: `t${String(i)}`,
    occurredAt: CLOSE - t.daysBeforeClose * DAY,
    contactIds: ['c1'],
    kind: 'visit',
    channel: t.channel === 'Direct' ? 'direct' : t.channel.toLowerCase().replace(/ /g, '_'),
    team: t.channel === 'Sales' ? 'sales' : 'marketing',
    ...(t.roles.includes('LC') ? { createdContactIds: ['c1'] } : {}),
  }));
  const lc = touches[EXAMPLE_JOURNEY.findIndex((t) => t.roles.includes('LC'))]!;
  const oc = touches[EXAMPLE_JOURNEY.findIndex((t) => t.roles.includes('OC'))]!;
  return assembleJourney(
    {
      deal: {
        id: 'd1',
        amount: { cents: 1_000_000, currency: 'USD' },
        createdAt: oc.occurredAt,
        closedAt: CLOSE,
        stage: 'won',
        contactIds: ['c1'],
        companyIds: [],
      },
      contacts: [{ id: 'c1', createdAt: lc.occurredAt }],
      touches,
    },
    DEFAULT_JOURNEY_OPTIONS,
    CLOSE,
  );
}

function engineShares(model: RuleModelId, options?: unknown): number[] {
  const result = attributeJourney(exampleJourney(), model, options);
  if (result.status !== 'attributed') throw new Error(`${model}: ${result.status}`);
  return [...result.credits].sort((a, b) => a.index - b.index).map((c) => c.fraction);
}

describe('weights preview', () => {
  it('places every milestone on the touch the engine gives it', () => {
    const { milestones } = exampleJourney();
    EXAMPLE_JOURNEY.forEach((t, i) => {
      for (const role of t.roles) expect(milestones[role], role).toBe(i);
    });
  });

  const positional = MODELS.filter(
    (m) => m.kind === 'rule' && m.weights !== null && m.id !== 'custom',
  );
  it.each(positional.map((m) => [m.id, m.weights!] as const))(
    'shows %s exactly as the engine splits the example',
    (id, weights) => {
      const preview = shareByPosition(weights)!;
      engineShares(id as RuleModelId).forEach((share, i) => {
        expect(preview[i]).toBeCloseTo(share, 12);
      });
    },
  );

  it('shows custom weights and time decay as the engine does', () => {
    const weights = { FIRST: 10, LAST: 5, LND: 15, LC: 20, OC: 0, CW: 30, MID: 20 };
    const custom = shareByPosition(weights)!;
    engineShares('custom', { weights }).forEach((s, i) => {
      expect(custom[i]).toBeCloseTo(s, 12);
    });
    const decay = shareByTimeDecay(10)!;
    engineShares('time_decay', { halfLifeDays: 10 }).forEach((s, i) => {
      expect(decay[i]).toBeCloseTo(s, 12);
    });
  });
});

describe('channel rules preview on typical sources', () => {
  const rules: ChannelRule[] = [
    { channel: 'partners', when: [{ field: 'url', op: 'contains', value: 'partner.' }] },
    { channel: 'google', when: [{ field: 'detail1', op: 'equals', value: 'GOOGLE' }] },
  ];
  const sample = (label: string) => SAMPLE_TOUCHES.find((t) => t.label === label)!.touch;

  it('names the admin rule that decides a sample touch, by position and channel', () => {
    expect(matchRules(rules, sample('Partner referral'))).toEqual({
      by: 'rule',
      index: 0,
      channel: 'partners',
    });
    expect(matchRules(rules, sample('Google Ads click'))).toEqual({
      by: 'rule',
      index: 1,
      channel: 'google',
    });
  });

  it('leaves a sample no admin rule matches to the defaults', () => {
    expect(matchRules(rules, sample('Direct visit'))).toEqual({ by: 'defaults' });
    expect(matchRules([], sample('Google Ads click'))).toEqual({ by: 'defaults' });
  });
});
