// An admin's channel rules: conditions on a touch's HubSpot source details that name its channel.
// The backend's classifier (src/channels/) and the settings page's rules editor use these schemas.

import { z } from 'zod';
import { channelIdSchema } from './channels.js';

export const RULE_FIELDS = [
  'source',
  'medium',
  'detail1',
  'detail2',
  'campaign',
  'url',
  'kind',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

export const RULE_OPERATORS = [
  'equals',
  'contains',
  'starts_with',
  'ends_with',
  'matches',
] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

export const channelConditionSchema = z
  .strictObject({
    field: z.enum(RULE_FIELDS),
    op: z.enum(RULE_OPERATORS),
    value: z.string().min(1, 'must not be empty').max(200),
  })
  .superRefine((c, ctx) => {
    if (c.op !== 'matches') return;
    try {
      new RegExp(c.value, 'i');
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `is not a valid regular expression (${e instanceof Error ? e.message : String(e)})`,
      });
    }
  });

export const channelRuleSchema = z.strictObject({
  channel: channelIdSchema,
  when: z.array(channelConditionSchema).min(1, 'a rule needs at least one condition').max(10),
});

export const channelRulesSchema = z.strictObject({
  rules: z.array(channelRuleSchema).max(200).default([]),
  fallback: channelIdSchema.default('other'),
});

export type ChannelCondition = z.infer<typeof channelConditionSchema>;
export type ChannelRule = z.infer<typeof channelRuleSchema>;
export type ChannelRules = z.infer<typeof channelRulesSchema>;

// ---- Matching: the one implementation, for the backend's classifier and the settings page ------

/** A touch's value of a rule field; undefined when the touch has none. */
export type FieldReader<T> = (touch: T, field: RuleField) => string | undefined;

type Test = (lowerCased: string) => boolean;

/** A pattern that is not a valid regular expression matches nothing (see ruleMatcher). */
const NEVER: Test = () => false;

function conditionTest(c: ChannelCondition): Test {
  const v = c.value.toLowerCase();
  switch (c.op) {
    case 'equals':
      return (x) => x === v;
    case 'contains':
      return (x) => x.includes(v);
    case 'starts_with':
      return (x) => x.startsWith(v);
    case 'ends_with':
      return (x) => x.endsWith(v);
    case 'matches': {
      let re: RegExp;
      try {
        re = new RegExp(c.value, 'i');
      } catch {
        return NEVER;
      }
      return (x) => re.test(x);
    }
  }
}

/**
 * Compiles `rules` once (values lower-cased, regular expressions built) into a function that
 * gives a touch's first matching rule: its index in `rules`, or -1 when none matches. A rule
 * matches when all its conditions hold. Matching is case-insensitive; an absent or empty field
 * never matches; a `matches` pattern that is not a valid regular expression matches nothing (the
 * schema rejects one before the backend sees it; the settings page shows its error while the
 * admin types it).
 */
export function ruleMatcher<T>(
  rules: readonly Pick<ChannelRule, 'when'>[],
  read: FieldReader<T>,
): (touch: T) => number {
  const compiled = rules.map((r) =>
    r.when.map((c) => ({ field: c.field, test: conditionTest(c) })),
  );
  return (touch) => {
    for (let i = 0; i < compiled.length; i++) {
      const holds = compiled[i]!.every(({ field, test }) => {
        const value = read(touch, field);
        return value !== undefined && value !== '' && test(value.toLowerCase());
      });
      if (holds) return i;
    }
    return -1;
  };
}
