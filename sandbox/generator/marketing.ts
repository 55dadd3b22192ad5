// Marketing touches as HubSpot stores them: the drill-down of a visit's source, marketing email
// events (legacy v1 stream), event participations and Enterprise page views.

import type { CrmRecord } from '../portal.js';
import { type Channel, EVENT_TYPE_OF, type EventChannel } from './channels.js';
import type { Ctx } from './context.js';
import { DAY_MS, MINUTE_MS } from './random.js';
import {
  AD_CAMPAIGNS,
  CONFERENCES,
  KEYWORDS,
  LANDING_PATHS,
  NEWSLETTERS,
  REFERRERS,
  SEARCH_ENGINES,
  SITE,
  SOCIAL_NETWORKS,
  WEBINAR_TOPICS,
} from './vocabulary.js';

/** Full URLs built once, so every visit shares these strings. */
const LANDING_URLS = LANDING_PATHS.map((p) => SITE + p);
const ENGINE_URLS = SEARCH_ENGINES.map((e) => `https://www.${e}.com/`);
const REFERRER_URLS = REFERRERS.map((r) => `https://${r}/`);
const OFFLINE_KINDS = ['IMPORT', 'CRM_UI', 'INTEGRATION'] as const;
const EMAIL_CAMPAIGN_BASE = 5_000_000;

export interface VisitSource {
  data1: string | null;
  data2: string | null;
  url: string | null;
  referrer: string | null;
}

/** `_data_1/_data_2` drill-downs and the landing page of a visit through `channel`. */
export function visitSource(ctx: Ctx, channel: Channel, at: number): VisitSource {
  const { rng } = ctx;
  const url = rng.pick(LANDING_URLS);
  switch (channel) {
    case 'organic_search':
    case 'paid_search': {
      const e = rng.int(0, SEARCH_ENGINES.length - 1);
      const d2 = channel === 'organic_search' ? rng.pick(KEYWORDS) : rng.pick(AD_CAMPAIGNS);
      return { data1: SEARCH_ENGINES[e]!, data2: d2, url, referrer: ENGINE_URLS[e]! };
    }
    case 'paid_social':
    case 'organic_social': {
      const net = rng.pick(SOCIAL_NETWORKS);
      const d2 = channel === 'paid_social' ? rng.pick(AD_CAMPAIGNS) : null;
      return { data1: net, data2: d2, url, referrer: null };
    }
    case 'referral': {
      const r = rng.int(0, REFERRERS.length - 1);
      return { data1: REFERRERS[r]!, data2: REFERRER_URLS[r]!, url, referrer: REFERRER_URLS[r]! };
    }
    case 'other_campaigns':
      return { data1: rng.pick(AD_CAMPAIGNS), data2: 'display', url, referrer: null };
    case 'email': {
      const name = NEWSLETTERS[emailCampaignId(at) % NEWSLETTERS.length]!;
      return { data1: name, data2: String(emailCampaignId(at)), url, referrer: null };
    }
    case 'offline':
      return { data1: rng.pick(OFFLINE_KINDS), data2: null, url: null, referrer: null };
    default:
      return { data1: url, data2: null, url, referrer: null };
  }
}

/** One marketing email per week: the campaign id is the week number. */
export const emailCampaignId = (at: number): number =>
  EMAIL_CAMPAIGN_BASE + Math.floor(at / (7 * DAY_MS));

/** SENT → DELIVERED → OPEN → CLICK ending at `at`, the click being the touch. */
export function emailClick(ctx: Ctx, contact: CrmRecord, at: number, url: string | null): void {
  const { portal, rng } = ctx;
  const recipient = contact.properties.email ?? '';
  const campaign = emailCampaignId(at);
  const sent = at - rng.int(30, 3 * 24 * 60) * MINUTE_MS;
  const opened = sent + Math.floor((at - sent) * rng.uniform(0.2, 0.95));
  const push = (type: string, created: number, link?: string | null): void => {
    portal.emailEvents.push({
      id: String(portal.emailEvents.length + 1),
      created,
      type,
      recipient,
      emailCampaignId: campaign,
      ...(link ? { url: link } : {}),
      portalId: portal.portalId,
      filteredEvent: false,
    });
  };
  push('SENT', sent);
  push('DELIVERED', sent + rng.int(1, 20) * 1000);
  push('OPEN', opened);
  push('CLICK', at, url ?? LANDING_URLS[0]);
}

/** The same send to a colleague who did not click: events, but no touch. */
export function emailSendOnly(ctx: Ctx, contact: CrmRecord, clickAt: number): void {
  const { portal, rng } = ctx;
  const sent = clickAt - rng.int(30, 3 * 24 * 60) * MINUTE_MS;
  for (const [type, created] of [
    ['SENT', sent],
    ['DELIVERED', sent + 4000],
  ] as const)
    portal.emailEvents.push({
      id: String(portal.emailEvents.length + 1),
      created,
      type,
      recipient: contact.properties.email ?? '',
      emailCampaignId: emailCampaignId(clickAt),
      portalId: portal.portalId,
      filteredEvent: false,
    });
}

/**
 * A webinar (one per week) or conference (one per month) participation at `at`. Webinar names do
 * not say "webinar" (many real ones do not): the event's type is what tells the two apart.
 */
export function participation(
  ctx: Ctx,
  contact: CrmRecord,
  channel: EventChannel,
  at: number,
): string {
  const { portal, rng } = ctx;
  const webinar = channel === 'webinar';
  const slot = Math.floor(at / ((webinar ? 7 : 30) * DAY_MS));
  const eventId = String((webinar ? 770_000 : 880_000) + (slot % 100_000));
  const name = webinar
    ? `${WEBINAR_TOPICS[slot % WEBINAR_TOPICS.length]!} (live)`
    : `Conference: ${CONFERENCES[slot % CONFERENCES.length]!}`;
  const state = webinar && rng.chance(0.2) ? 'NO_SHOW' : 'ATTENDED';
  const id = String(portal.participations.length + 1);
  portal.participations.push({
    id,
    contactId: contact.id,
    email: contact.properties.email ?? '',
    marketingEventId: eventId,
    eventName: name,
    eventType: EVENT_TYPE_OF[channel],
    attendanceState: state,
    occurredAt: at,
    ...(state === 'ATTENDED' ? { attendanceDurationSeconds: rng.int(5, 60) * 60 } : {}),
    createdAt: at - rng.int(1, 14) * DAY_MS,
  });
  return id;
}

/** Enterprise page views of one visit (the first at the visit time). */
export function pageViews(ctx: Ctx, contact: CrmRecord, at: number, source: string): void {
  const { portal, rng } = ctx;
  const n = rng.int(1, 3);
  for (let i = 0; i < n; i++)
    portal.webEvents.push({
      id: String(portal.webEvents.length + 1),
      eventType: 'e_visited_page',
      objectType: 'contact',
      objectId: contact.id,
      occurredAt: at + i * rng.int(10, 120) * 1000,
      properties: { hs_url: rng.pick(LANDING_URLS), hs_visit_source: source },
    });
}
