// Channel rules: how a touch's HubSpot source details become a reporting channel. Pure.
// An admin's rules are tried first, in order; the first rule whose conditions all hold wins; then
// the built-in defaults (taxonomy.ts); then the fallback channel.

import { z } from 'zod';

/** Channel ids become property names (`attribution_revenue_<channel>`), so they stay name-safe. */
export const channelIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,39}$/,
    'must be 1–40 characters of a–z, 0–9 and _, starting with a letter',
  );

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

const conditionSchema = z
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
  when: z.array(conditionSchema).min(1, 'a rule needs at least one condition').max(10),
});

export const channelRulesSchema = z.strictObject({
  rules: z.array(channelRuleSchema).max(200).default([]),
  fallback: channelIdSchema.default('other'),
});

export type ChannelCondition = z.infer<typeof conditionSchema>;
export type ChannelRule = z.infer<typeof channelRuleSchema>;
export type ChannelRules = z.infer<typeof channelRulesSchema>;

/** What a rule can look at. Matching is case-insensitive; absent fields never match. */
export interface ClassifiableTouch {
  readonly kind: string;
  readonly source?: {
    readonly source?: string;
    readonly medium?: string;
    readonly detail1?: string;
    readonly detail2?: string;
    readonly url?: string;
  };
  readonly campaign?: string;
}

export interface Classification {
  readonly channel: string;
  /** Which rule decided: an admin rule's index, a default rule's index, or the fallback. */
  readonly by:
    { readonly from: 'admin' | 'default'; readonly index: number } | { readonly from: 'fallback' };
}

function fieldValue(t: ClassifiableTouch, field: RuleField): string | undefined {
  switch (field) {
    case 'kind':
      return t.kind;
    case 'campaign':
      return t.campaign;
    default:
      return t.source?.[field];
  }
}

/** A rule set compiled once (regular expressions built, values lower-cased) and applied many times. */
export interface CompiledRules {
  classify(touch: ClassifiableTouch): Classification;
}

type Test = (value: string) => boolean;

function compileCondition(c: ChannelCondition): { field: RuleField; test: Test } {
  const v = c.value.toLowerCase();
  let test: Test;
  switch (c.op) {
    case 'equals':
      test = (x) => x === v;
      break;
    case 'contains':
      test = (x) => x.includes(v);
      break;
    case 'starts_with':
      test = (x) => x.startsWith(v);
      break;
    case 'ends_with':
      test = (x) => x.endsWith(v);
      break;
    case 'matches': {
      const re = new RegExp(c.value, 'i');
      test = (x) => re.test(x);
      break;
    }
  }
  return { field: c.field, test };
}

function compileRule(rule: ChannelRule): (t: ClassifiableTouch) => boolean {
  const conditions = rule.when.map(compileCondition);
  return (t) =>
    conditions.every(({ field, test }) => {
      const value = fieldValue(t, field);
      return value !== undefined && value !== '' && test(value.toLowerCase());
    });
}

export function compileRules(admin: ChannelRules, defaults: readonly ChannelRule[]): CompiledRules {
  const adminRules = admin.rules.map((r) => ({ channel: r.channel, test: compileRule(r) }));
  const defaultRules = defaults.map((r) => ({ channel: r.channel, test: compileRule(r) }));
  return {
    classify(touch) {
      for (let i = 0; i < adminRules.length; i++) {
        const r = adminRules[i]!;
        if (r.test(touch)) return { channel: r.channel, by: { from: 'admin', index: i } };
      }
      for (let i = 0; i < defaultRules.length; i++) {
        const r = defaultRules[i]!;
        if (r.test(touch)) return { channel: r.channel, by: { from: 'default', index: i } };
      }
      return { channel: admin.fallback, by: { from: 'fallback' } };
    },
  };
}
