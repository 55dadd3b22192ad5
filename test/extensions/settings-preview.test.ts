// The settings page previews weights and channel rules with small re-implementations (the
// extension bundle cannot import src/); these tests hold them to the engine and the backend rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleModelId } from '../../src/domain/index.js';
import {
  assembleJourney,
  attributeJourney,
  DEFAULT_JOURNEY_OPTIONS,
} from '../../src/attribution/index.js';
import type { Journey, Touchpoint } from '../../src/attribution/index.js';
import { compileRules } from '../../src/channels/rules.js';
import { MODELS, RULE_FIELDS, RULE_OPERATORS } from '../../extensions/domain/index.js';
import type { ChannelRule } from '../../extensions/domain/index.js';
import { matchRules } from '../../extensions/app/settings/channel-preview.js';
import type { SampleTouch } from '../../extensions/app/settings/channel-preview.js';
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

describe('channel rules preview', () => {
  const value = fc.constantFrom('google', 'GOOGLE', 'cpc', 'news', 'letter', 'partner', 'x', '');
  const condition = fc.record({
    field: fc.constantFrom(...RULE_FIELDS),
    op: fc.constantFrom(...RULE_OPERATORS),
    value: fc.constantFrom('google', 'Goo', 'cpc', 'news.*', '^x', 'er$', 'partner'),
  });
  const rule: fc.Arbitrary<ChannelRule> = fc.record({
    channel: fc.constantFrom('a', 'b', 'c'),
    when: fc.array(condition, { minLength: 1, maxLength: 3 }),
  });
  const touch: fc.Arbitrary<SampleTouch> = fc.record(
    Object.fromEntries(RULE_FIELDS.map((f) => [f, value])) as Record<
      (typeof RULE_FIELDS)[number],
      typeof value
    >,
    { requiredKeys: [] },
  );

  it('picks the same admin rule as the backend for any rules and touch', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 5 }), touch, (rules, t) => {
        const backend = compileRules({ rules, fallback: 'other' }, []).classify({
          kind: t.kind ?? '',
          source: {
            ...pick(t, 'source'),
            ...pick(t, 'medium'),
            ...pick(t, 'detail1'),
            ...pick(t, 'detail2'),
            ...pick(t, 'url'),
          },
          ...pick(t, 'campaign'),
        });
        const preview = matchRules(rules, t);
        if (backend.by.from === 'admin') {
          expect(preview).toEqual({
            by: 'rule',
            index: backend.by.index,
            channel: backend.channel,
          });
        } else {
          expect(preview).toEqual({ by: 'defaults' });
        }
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

function pick<K extends keyof SampleTouch>(t: SampleTouch, k: K): Partial<Record<K, string>> {
  const v = t[k];
  return v === undefined ? {} : ({ [k]: v } as Partial<Record<K, string>>);
}
