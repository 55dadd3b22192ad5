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
