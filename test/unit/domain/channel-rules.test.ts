// The domain's channel rules: the schema every rule set passes, and ruleMatcher, the one matcher
// the backend's classifier and the settings page's rules preview both run.

import { describe, expect, it } from 'vitest';
import {
  channelRulesSchema,
  fieldErrors,
  ruleMatcher,
  type ChannelCondition,
  type RuleField,
} from '../../../src/domain/index.js';

type Touch = Readonly<Partial<Record<RuleField, string>>>;
const read = (t: Touch, f: RuleField) => t[f];
const when = (...conditions: ChannelCondition[]) => ({ when: conditions });
const first = (rules: readonly { when: ChannelCondition[] }[], touch: Touch) =>
  ruleMatcher(rules, read)(touch);
const holds = (c: ChannelCondition, touch: Touch) => first([when(c)], touch) === 0;

describe('ruleMatcher', () => {
  it.each([
    ['equals', 'cpc', 'CPC', true],
    ['equals', 'cpc', 'cpc2', false],
    ['contains', 'Google', 'www.google.com', true],
    ['contains', 'bing', 'www.google.com', false],
    ['starts_with', 'PAID', 'paid_search', true],
    ['starts_with', 'search', 'paid_search', false],
    ['ends_with', 'Search', 'PAID_SEARCH', true],
    ['ends_with', 'paid', 'PAID_SEARCH', false],
    ['matches', '^(cpc|ppc)$', 'PPC', true],
    ['matches', '^CPC$', 'cpc', true],
    ['matches', '^cpc$', 'cpc-x', false],
  ] as const)('%s %j on %j: %s (case-insensitive)', (op, value, medium, expected) => {
    expect(holds({ field: 'medium', op, value }, { medium })).toBe(expected);
  });

  it('never matches an absent or empty field, whatever the condition', () => {
    const anything: ChannelCondition = { field: 'campaign', op: 'matches', value: '.*' };
    expect(holds(anything, {})).toBe(false);
    expect(holds(anything, { campaign: '' })).toBe(false);
    expect(holds(anything, { campaign: 'x' })).toBe(true);
    expect(holds({ field: 'url', op: 'contains', value: 'a' }, { source: 'a' })).toBe(false);
  });

  it('matches a rule only when all its conditions hold', () => {
    const rule = when(
      { field: 'kind', op: 'equals', value: 'visit' },
      { field: 'source', op: 'equals', value: 'REFERRALS' },
    );
    expect(first([rule], { kind: 'visit', source: 'referrals' })).toBe(0);
    expect(first([rule], { kind: 'visit', source: 'DIRECT_TRAFFIC' })).toBe(-1);
    expect(first([rule], { kind: 'visit' })).toBe(-1);
  });

  it('gives the first matching rule in order, and -1 when none matches', () => {
    const rules = [
      when({ field: 'source', op: 'equals', value: 'PAID_SEARCH' }),
      when({ field: 'detail1', op: 'equals', value: 'google' }),
      when({ field: 'detail1', op: 'contains', value: 'goo' }),
    ];
    expect(first(rules, { detail1: 'google' })).toBe(1);
    expect(first(rules, { source: 'paid_search', detail1: 'google' })).toBe(0);
    expect(first(rules, { detail1: 'googly' })).toBe(2);
    expect(first(rules, { detail1: 'bing' })).toBe(-1);
    expect(first([], { detail1: 'google' })).toBe(-1);
  });

  it('matches nothing with a pattern that is not a regular expression, and does not throw', () => {
    const broken: ChannelCondition = { field: 'medium', op: 'matches', value: '(unclosed' };
    expect(() => ruleMatcher([when(broken)], read)).not.toThrow();
    expect(holds(broken, { medium: '(unclosed' })).toBe(false);
    expect(first([when(broken), when({ ...broken, value: 'cpc' })], { medium: 'cpc' })).toBe(1);
  });

  it('reads the touch through the given reader, so any touch shape works', () => {
    const byKind = ruleMatcher(
      [when({ field: 'kind', op: 'equals', value: 'meeting' })],
      (t: string, f) => (f === 'kind' ? t : undefined),
    );
    expect(byKind('meeting')).toBe(0);
    expect(byKind('call')).toBe(-1);
  });
});

describe('channel rules schema', () => {
  it('fills the defaults: no rules, fallback "other"', () => {
    expect(channelRulesSchema.parse({})).toEqual({ rules: [], fallback: 'other' });
  });

  it('accepts every field and operator with a valid value', () => {
    const r = channelRulesSchema.safeParse({
      rules: [
        {
          channel: 'partners',
          when: [
            { field: 'url', op: 'contains', value: 'partner.example.com' },
            { field: 'medium', op: 'matches', value: '^(referral|partner)$' },
          ],
        },
      ],
      fallback: 'unknown',
    });
    expect(r.success).toBe(true);
  });

  it('names each bad field: channel id, empty rule, regex, empty value, operator, unknown key', () => {
    const r = channelRulesSchema.safeParse({
      rules: [
        { channel: 'Partner Sites', when: [{ field: 'source', op: 'equals', value: 'x' }] },
        { channel: 'ok', when: [] },
        {
          channel: 'ok',
          when: [
            { field: 'medium', op: 'matches', value: '(' },
            { field: 'source', op: 'equals', value: '' },
            { field: 'source', op: 'like', value: 'x' },
          ],
        },
      ],
      fallback: 'other',
      colour: 'blue',
    });
    expect(r.success).toBe(false);
    const errors = fieldErrors(r.error!);
    expect(errors.map((e) => e.field)).toEqual(
      expect.arrayContaining([
        'rules.0.channel',
        'rules.1.when',
        'rules.2.when.0.value',
        'rules.2.when.1.value',
        'rules.2.when.2.op',
        'colour',
      ]),
    );
    expect(errors.find((e) => e.field === 'rules.2.when.0.value')?.message).toMatch(
      /^is not a valid regular expression/,
    );
    expect(errors.find((e) => e.field === 'rules.1.when')?.message).toBe(
      'a rule needs at least one condition',
    );
  });
});
