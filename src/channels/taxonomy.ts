// The built-in channel taxonomy: HubSpot's source values and our touch kinds mapped to channels.
// Admin rules (rules.ts) run before these, so a portal can override any of them.

import type { ChannelRule } from './rules.js';

export interface ChannelInfo {
  readonly id: string;
  readonly label: string;
  readonly team: 'marketing' | 'sales';
  /** Counts as "direct" for last_non_direct. */
  readonly direct?: boolean;
}

export const DEFAULT_CHANNELS: readonly ChannelInfo[] = [
  { id: 'paid_search', label: 'Paid search', team: 'marketing' },
  { id: 'organic_search', label: 'Organic search', team: 'marketing' },
  { id: 'paid_social', label: 'Paid social', team: 'marketing' },
  { id: 'organic_social', label: 'Organic social', team: 'marketing' },
  { id: 'email', label: 'Email marketing', team: 'marketing' },
  { id: 'referral', label: 'Referrals', team: 'marketing' },
  { id: 'ai_referral', label: 'AI referrals', team: 'marketing' },
  { id: 'display', label: 'Display', team: 'marketing' },
  { id: 'affiliate', label: 'Affiliates', team: 'marketing' },
  { id: 'other_campaigns', label: 'Other campaigns', team: 'marketing' },
  { id: 'webinar', label: 'Webinars', team: 'marketing' },
  { id: 'events', label: 'Events', team: 'marketing' },
  { id: 'direct', label: 'Direct traffic', team: 'marketing', direct: true },
  { id: 'offline', label: 'Offline sources', team: 'marketing' },
  { id: 'sales_call', label: 'Sales calls', team: 'sales' },
  { id: 'sales_meeting', label: 'Sales meetings', team: 'sales' },
  { id: 'sales_email', label: 'Sales emails', team: 'sales' },
  { id: 'sales_linkedin', label: 'LinkedIn messages', team: 'sales' },
  { id: 'sales_messaging', label: 'Sales messaging', team: 'sales' },
  { id: 'sales_activity', label: 'Other sales activity', team: 'sales' },
  { id: 'other', label: 'Other', team: 'marketing' },
];

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

export function channelLabel(
  id: string,
  channels: readonly ChannelInfo[] = DEFAULT_CHANNELS,
): string {
  return (
    channels.find((c) => c.id === id)?.label ??
    id.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
  );
}
