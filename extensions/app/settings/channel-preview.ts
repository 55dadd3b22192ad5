// Which of the admin's channel rules a typical HubSpot touch would match: the rules editor's
// preview before the portal has touches of its own. The matching is the domain's ruleMatcher, the
// function the backend's classifier (src/channels/rules.ts) runs. Touches no admin rule matches
// fall to HubSpot-source defaults on the backend, then the fallback.
import { ruleMatcher } from '@deal-attribution/domain';
import type { ChannelRules, RuleField } from '@deal-attribution/domain';

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

/** A sample touch's value of a rule field. */
const read = (touch: SampleTouch, field: RuleField): string | undefined => touch[field];

/** Which admin rule decides the touch: the domain's matcher, the one the backend classifies with. */
export function matchRules(rules: ChannelRules['rules'], touch: SampleTouch): RuleMatch {
  const index = ruleMatcher(rules, read)(touch);
  if (index < 0) return { by: 'defaults' };
  return { by: 'rule', index, channel: rules[index]!.channel };
}
