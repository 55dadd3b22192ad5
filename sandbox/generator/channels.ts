// The planted model: every touch the generator writes has a channel, and a deal's win
// probability is logistic(BASE + Σ effect of the distinct channels that touched its buying group
// in the attribution window). A data-driven model run on the sandbox can be checked against it.
// Channels are the app's channel ids (src/channels/taxonomy.ts) with the app's teams, and each
// touch is written so that the app's default rules classify it into its planted channel.

import type { PlantedTruth } from '../portal.js';
import { DAY_MS, logistic } from './random.js';

export type Team = 'marketing' | 'sales';
/** How a touch of the channel shows up in HubSpot's data. */
export type Medium = 'visit' | 'email' | 'participation' | 'engagement';

export interface ChannelSpec {
  readonly id: string;
  /** Additive log-odds of winning when the channel touched the buying group. */
  readonly effect: number;
  readonly team: Team;
  readonly medium: Medium;
}

const c = (id: string, effect: number, team: Team, medium: Medium): ChannelSpec => ({
  id,
  effect,
  team,
  medium,
});

/** Strongest first; effects are distinct so the ranking is unambiguous. */
export const CHANNELS = [
  c('webinar', 1.1, 'marketing', 'participation'),
  c('sales_meeting', 0.9, 'sales', 'engagement'),
  c('events', 0.75, 'marketing', 'participation'),
  c('referral', 0.6, 'marketing', 'visit'),
  c('organic_search', 0.45, 'marketing', 'visit'),
  c('sales_call', 0.35, 'sales', 'engagement'),
  c('email', 0.25, 'marketing', 'email'),
  c('sales_linkedin', 0.18, 'sales', 'engagement'),
  c('paid_search', 0.1, 'marketing', 'visit'),
  c('sales_email', 0.04, 'sales', 'engagement'),
  c('direct', 0, 'marketing', 'visit'),
  c('offline', -0.05, 'marketing', 'visit'),
  c('sales_messaging', -0.1, 'sales', 'engagement'),
  c('organic_social', -0.15, 'marketing', 'visit'),
  c('other_campaigns', -0.22, 'marketing', 'visit'),
  c('paid_social', -0.35, 'marketing', 'visit'),
] as const satisfies readonly ChannelSpec[];

export type Channel = (typeof CHANNELS)[number]['id'];

/** Intercept: with the usual 8–12 distinct channels a deal wins about 40 % of the time. */
export const BASE_LOG_ODDS = -2.8;
/** The journey window of ATTRIBUTION.md §1 (default lookback) that the truth uses too. */
export const LOOKBACK_MS = 365 * DAY_MS;

const BY_ID = new Map<string, ChannelSpec>(CHANNELS.map((ch) => [ch.id, ch]));

export function channelSpec(id: Channel): ChannelSpec {
  const spec = BY_ID.get(id);
  if (!spec) throw new Error(`unknown channel ${id}`);
  return spec;
}

/** Win probability of a deal whose buying group was touched by these distinct channels. */
export function winProbability(channels: Iterable<Channel>): number {
  let x = BASE_LOG_ODDS;
  for (const ch of new Set(channels)) x += channelSpec(ch).effect;
  return logistic(x);
}

/** `hs_analytics_source` / `hs_latest_source` value of each visit channel. */
export const SOURCE_OF: Readonly<Partial<Record<Channel, string>>> = {
  organic_search: 'ORGANIC_SEARCH',
  paid_search: 'PAID_SEARCH',
  email: 'EMAIL_MARKETING',
  organic_social: 'SOCIAL_MEDIA',
  referral: 'REFERRALS',
  other_campaigns: 'OTHER_CAMPAIGNS',
  direct: 'DIRECT_TRAFFIC',
  offline: 'OFFLINE',
  paid_social: 'PAID_SOCIAL',
};

/** The inverse: how a reader of the portal classifies a source value. */
export const CHANNEL_OF_SOURCE: Readonly<Record<string, Channel>> = (() => {
  const out: Record<string, Channel> = {};
  for (const ch of CHANNELS) {
    const source = SOURCE_OF[ch.id];
    if (source !== undefined) out[source] = ch.id;
  }
  return out;
})();

/** Engagement type of each sales channel. */
export const ENGAGEMENT_OF = {
  sales_call: 'calls',
  sales_meeting: 'meetings',
  sales_email: 'emails',
  sales_linkedin: 'communications',
  sales_messaging: 'communications',
} as const;
export type SalesChannel = keyof typeof ENGAGEMENT_OF;

/** `hs_communication_channel_type` values of each communication channel (HUBSPOT.md). */
export const COMMUNICATION_TYPES = {
  sales_linkedin: ['LINKEDIN_MESSAGE'],
  sales_messaging: ['WHATS_APP', 'SMS'],
} as const satisfies Partial<Record<SalesChannel, readonly string[]>>;

/** How a reader of the portal classifies a communication by its channel type. */
export function channelOfCommunication(channelType: string | null | undefined): Channel {
  return channelType === 'LINKEDIN_MESSAGE' ? 'sales_linkedin' : 'sales_messaging';
}

/** Marketing event `eventType` of each participation channel. */
export const EVENT_TYPE_OF = { webinar: 'Webinar', events: 'Conference' } as const;
export type EventChannel = keyof typeof EVENT_TYPE_OF;

/** How a reader of the portal classifies a participation by its event's type. */
export function channelOfEventType(eventType: string | undefined): EventChannel {
  return eventType === EVENT_TYPE_OF.webinar ? 'webinar' : 'events';
}

export const TRUTH_DESCRIPTION =
  'Win probability of a closed deal = logistic(base + sum of the effects of the distinct channels ' +
  'that touched any contact of its company (the buying group) between deal createdate - 365 days ' +
  'and closedate). Touches and their channels: each contact creation (original source) and each ' +
  'later visit (an hs_latest_source_timestamp history entry, channel from hs_latest_source: ' +
  'ORGANIC_SEARCH organic_search, PAID_SEARCH paid_search, EMAIL_MARKETING email, SOCIAL_MEDIA ' +
  'organic_social, REFERRALS referral, OTHER_CAMPAIGNS other_campaigns, DIRECT_TRAFFIC direct, ' +
  'OFFLINE offline, PAID_SOCIAL paid_social); marketing email CLICK events (email); marketing ' +
  'event participations (event type "Webinar" webinar, "Conference" events); calls (sales_call), ' +
  'meetings (sales_meeting), emails (sales_email), communications (LINKEDIN_MESSAGE ' +
  'sales_linkedin, WHATS_APP/SMS sales_messaging), whatever their status. Notes, tasks and ' +
  "archived records are not touches. Channel ids and teams are the app's default taxonomy. " +
  `Base log-odds ${BASE_LOG_ODDS}.`;

/** The truth block stored on the portal (channels ranked by effect, 1 = strongest). */
export function plantedTruth(
  revivedDeals: readonly string[],
): Pick<PlantedTruth, 'channels' | 'description' | 'revivedDeals'> {
  const ranked = [...CHANNELS].sort((a, b) => b.effect - a.effect);
  return {
    channels: ranked.map((ch, i) => ({
      channel: ch.id,
      team: ch.team,
      effect: ch.effect,
      rank: i + 1,
    })),
    description: TRUTH_DESCRIPTION,
    revivedDeals,
  };
}
