// Channel rules: how a touch's HubSpot source details become a reporting channel. Pure.
// An admin's rules are tried first, in order; the first rule whose conditions all hold wins; then
// the built-in defaults (taxonomy.ts); then the fallback channel.

// The rule schemas and the matcher are the domain's (extensions/domain/channel-rules.ts), the one
// definition the settings page's rules preview uses too; this file adds the classification order.
import {
  ruleMatcher,
  type ChannelRule,
  type ChannelRules,
  type RuleField,
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

export function compileRules(admin: ChannelRules, defaults: readonly ChannelRule[]): CompiledRules {
  const adminMatch = ruleMatcher(admin.rules, fieldValue);
  const defaultMatch = ruleMatcher(defaults, fieldValue);
  return {
    classify(touch) {
      const a = adminMatch(touch);
      if (a >= 0) return { channel: admin.rules[a]!.channel, by: { from: 'admin', index: a } };
      const d = defaultMatch(touch);
      if (d >= 0) return { channel: defaults[d]!.channel, by: { from: 'default', index: d } };
      return { channel: admin.fallback, by: { from: 'fallback' } };
    },
  };
}
