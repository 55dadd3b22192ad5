// The built-in classification: HubSpot's source values and our touch kinds mapped to the built-in
// channels (their ids, labels and teams are the domain's DEFAULT_CHANNELS). Admin rules (rules.ts)
// run before these, so a portal can override any of them.

import type { ChannelRule } from '../domain/index.js';

const is = (
  field: ChannelRule['when'][number]['field'],
  value: string,
  channel: string,
): ChannelRule => ({
  channel,
  when: [{ field, op: 'equals', value }],
});

const WEBINAR = 'webinar|webcast';

/**
 * Default rules, first match wins. Sales engagements are classified by kind, a communication also
 * by its channel type (`hs_communication_channel_type`, carried as `medium`: LinkedIn messages
 * apart from SMS and WhatsApp); marketing events by their event type (`detail1`), or by their name
 * (`detail2`) when the event has no type; other marketing touches by HubSpot's
 * `hs_analytics_source` / `hs_latest_source` value (the nine documented values plus AI_REFERRALS,
 * seen in newer portals), then by a UTM-style medium. hubspot-behavior.md #28, #29.
 */
export const DEFAULT_RULES: readonly ChannelRule[] = [
  is('kind', 'call', 'sales_call'),
  is('kind', 'meeting', 'sales_meeting'),
  is('kind', 'sales_email', 'sales_email'),
  {
    channel: 'sales_linkedin',
    when: [
      { field: 'kind', op: 'equals', value: 'communication' },
      { field: 'medium', op: 'equals', value: 'linkedin_message' },
    ],
  },
  is('kind', 'communication', 'sales_messaging'),
  is('kind', 'note', 'sales_activity'),
  is('kind', 'task', 'sales_activity'),
  // The event type decides when there is one; only an untyped event is judged by its name.
  {
    channel: 'webinar',
    when: [
      { field: 'kind', op: 'equals', value: 'event' },
      { field: 'detail1', op: 'matches', value: WEBINAR },
    ],
  },
  {
    channel: 'events',
    when: [
      { field: 'kind', op: 'equals', value: 'event' },
      { field: 'detail1', op: 'matches', value: '.' },
    ],
  },
  {
    channel: 'webinar',
    when: [
      { field: 'kind', op: 'equals', value: 'event' },
      { field: 'detail2', op: 'matches', value: WEBINAR },
    ],
  },
  is('kind', 'event', 'events'),
  is('kind', 'email_click', 'email'),
  is('source', 'PAID_SEARCH', 'paid_search'),
  is('source', 'ORGANIC_SEARCH', 'organic_search'),
  is('source', 'PAID_SOCIAL', 'paid_social'),
  is('source', 'SOCIAL_MEDIA', 'organic_social'),
  is('source', 'EMAIL_MARKETING', 'email'),
  is('source', 'REFERRALS', 'referral'),
  is('source', 'AI_REFERRALS', 'ai_referral'),
  is('source', 'OTHER_CAMPAIGNS', 'other_campaigns'),
  is('source', 'DIRECT_TRAFFIC', 'direct'),
  is('source', 'OFFLINE', 'offline'),
  {
    channel: 'paid_search',
    when: [{ field: 'medium', op: 'matches', value: '^(cpc|ppc|paidsearch|paid_search)$' }],
  },
  {
    channel: 'paid_social',
    when: [{ field: 'medium', op: 'matches', value: '^(paid_?social|paidsocial)$' }],
  },
  {
    channel: 'organic_social',
    when: [{ field: 'medium', op: 'matches', value: '^(social|social-network|social_media)$' }],
  },
  {
    channel: 'display',
    when: [{ field: 'medium', op: 'matches', value: '^(display|banner|cpm)$' }],
  },
  is('medium', 'email', 'email'),
  is('medium', 'affiliate', 'affiliate'),
  is('medium', 'referral', 'referral'),
  is('medium', 'organic', 'organic_search'),
  is('kind', 'offline', 'offline'),
];
