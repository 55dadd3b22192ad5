// Channels, the reporting dimension: the id rule and the built-in channels with their labels and
// teams. How HubSpot's source values map to them (the default rules) is the backend's
// (src/channels/taxonomy.ts); an admin's rules may add channels of their own.

import { z } from 'zod';
import { teamSchema } from './touches.js';

/** Channel ids become property names (`attribution_revenue_<channel>`), so they stay name-safe. */
export const channelIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,39}$/,
    'must be 1–40 characters of a–z, 0–9 and _, starting with a letter',
  );

export const channelInfoSchema = z
  .object({ id: z.string(), label: z.string(), team: teamSchema })
  .readonly();
export type ChannelInfo = z.output<typeof channelInfoSchema>;

export interface BuiltInChannel extends ChannelInfo {
  /** Counts as "direct" for last_non_direct. */
  readonly direct?: boolean;
}

export const DEFAULT_CHANNELS: readonly BuiltInChannel[] = [
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

/** The channel's label; a channel only an admin rule names is its id, humanized ("Partner sites"). */
export function channelLabel(
  id: string,
  channels: readonly ChannelInfo[] = DEFAULT_CHANNELS,
): string {
  return (
    channels.find((c) => c.id === id)?.label ??
    id.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
  );
}
