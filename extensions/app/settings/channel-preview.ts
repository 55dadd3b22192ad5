// Which of the admin's channel rules a touch would match: the preview of the rules editor.
// The same semantics as the backend's src/channels/rules.ts (case-insensitive, first rule whose
// conditions all hold wins, an absent field never matches); test/extensions checks the two agree.
// Touches no admin rule matches fall to HubSpot-source defaults on the backend, then the fallback.
import type { ChannelCondition, ChannelRules, RuleField } from '@deal-attribution/domain';

export type SampleTouch = Readonly<Partial<Record<RuleField, string>>>;

export type RuleMatch =
  | { readonly by: 'rule'; readonly index: number; readonly channel: string }
  | { readonly by: 'defaults' };

/** Typical HubSpot sources, to see at a glance what the rules change. */
export const SAMPLE_TOUCHES: readonly { readonly label: string; readonly touch: SampleTouch }[] = [
  {
    label: 'Google search visit',
    touch: { kind: 'visit', source: 'ORGANIC_SEARCH', detail1: 'google' },
  },
  {
    label: 'Google Ads click',
    touch: {
      kind: 'visit',
      source: 'PAID_SEARCH',
      medium: 'cpc',
      detail1: 'google',
      campaign: 'brand',
    },
  },
  {
    label: 'LinkedIn ad',
    touch: { kind: 'visit', source: 'PAID_SOCIAL', medium: 'paid_social', detail1: 'linkedin' },
  },
  {
    label: 'Newsletter click',
    touch: { kind: 'email_click', source: 'EMAIL_MARKETING', campaign: 'newsletter' },
  },
  {
    label: 'Partner referral',
    touch: { kind: 'visit', source: 'REFERRALS', url: 'https://partner.example.com/' },
  },
  { label: 'Direct visit', touch: { kind: 'visit', source: 'DIRECT_TRAFFIC' } },
  // An event's type is detail1 and its name detail2; a message's channel type is its medium.
  {
    label: 'Webinar attended',
    touch: {
      kind: 'event',
      detail1: 'Webinar',
      detail2: 'Attribution 101',
      campaign: 'Attribution 101',
    },
  },
  { label: 'Sales meeting', touch: { kind: 'meeting' } },
  { label: 'LinkedIn message', touch: { kind: 'communication', medium: 'linkedin_message' } },
];

export function matchRules(rules: ChannelRules['rules'], touch: SampleTouch): RuleMatch {
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]!;
    if (rule.when.every((c) => holds(c, touch[c.field]))) {
      return { by: 'rule', index, channel: rule.channel };
    }
  }
  return { by: 'defaults' };
}

function holds(c: ChannelCondition, raw: string | undefined): boolean {
  if (raw === undefined || raw === '') return false;
  const x = raw.toLowerCase();
  const v = c.value.toLowerCase();
  switch (c.op) {
    case 'equals':
      return x === v;
    case 'contains':
      return x.includes(v);
    case 'starts_with':
      return x.startsWith(v);
    case 'ends_with':
      return x.endsWith(v);
    case 'matches':
      try {
        return new RegExp(c.value, 'i').test(x);
      } catch {
        return false; // the editor shows the pattern's error; a broken rule matches nothing
      }
  }
}
