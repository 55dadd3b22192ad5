// Channel rules: how a touch's HubSpot source details become a reporting channel. Pure.
// An admin's rules are tried first, in order; the first rule whose conditions all hold wins; then
// the built-in defaults (taxonomy.ts); then the fallback channel.

// The rule schema is the domain's, which the settings page shares: one definition.
import type { ChannelCondition, ChannelRule, ChannelRules, RuleField } from '../domain/index.js';
export {
  channelIdSchema,
  channelRuleSchema,
  channelRulesSchema,
  RULE_FIELDS,
  RULE_OPERATORS,
  type ChannelCondition,
  type ChannelRule,
  type ChannelRules,
  type RuleField,
  type RuleOperator,
} from '../domain/index.js';

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
