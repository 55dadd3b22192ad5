// Marketing events and their participations (HUBSPOT.md §5; scope
// crm.objects.marketing_events.read): the event list, each event's participants (one read per
// event instead of one per contact) and, for single contacts, the per-contact breakdown.

import { z } from 'zod';
import type { HubSpotApi } from '../api.js';
import type { Page } from '../types.js';
import {
  check,
  Id,
  nextAfter,
  Paging,
  parseEnvelope,
  parseItems,
  Time,
  type ReadOptions,
} from './wire.js';

export const MARKETING_LIMIT = 100;

export interface MarketingEvent {
  readonly id: string;
  readonly name: string;
  readonly eventType?: string;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly cancelled: boolean;
  readonly createdAt?: number;
  readonly updatedAt?: number;
}

export interface Participation {
  readonly id: string;
  readonly contactId: string;
  readonly email?: string;
  readonly eventId: string;
  readonly eventName?: string;
  /** REGISTERED, ATTENDED, CANCELLED, NO_SHOW, EMPTY */
  readonly attendanceState: string;
  readonly occurredAt?: number;
  readonly createdAt?: number;
  readonly attendanceDurationSeconds?: number;
}

const Event = z.object({
  objectId: Id,
  eventName: z.string(),
  eventType: z.string().optional(),
  startDateTime: Time.optional(),
  endDateTime: Time.optional(),
  eventCancelled: z.boolean().optional(),
  createdAt: Time.optional(),
  updatedAt: Time.optional(),
});

const Breakdown = z.object({
  id: Id,
  createdAt: Time.optional(),
  associations: z.object({
    contact: z.object({ contactId: Id, email: z.string().optional() }),
    marketingEvent: z.object({ marketingEventId: Id, name: z.string().optional() }),
  }),
  properties: z.object({
    attendanceState: z.string().min(1),
    occurredAt: Time.optional(),
    attendanceDurationSeconds: z.number().optional(),
  }),
});

const ListBody = z.object({ results: z.array(z.unknown()), paging: Paging });
const After = z.string().min(1).optional();

const opt = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

export async function marketingEventsPage(
  api: HubSpotApi,
  after: string | undefined,
  options: ReadOptions = {},
): Promise<Page<MarketingEvent>> {
  check(After, after, 'marketingEventsPage.after');
  const res = await api.request({
    method: 'GET',
    path: '/marketing/v3/marketing-events',
    query: { limit: MARKETING_LIMIT, after },
    label: 'marketing_events',
  });
  const body = parseEnvelope(res, ListBody, 'marketing events');
  const parsed = parseItems(
    body.results,
    Event,
    (e): MarketingEvent => ({
      id: e.objectId,
      name: e.eventName,
      cancelled: e.eventCancelled ?? false,
      ...opt('eventType', e.eventType),
      ...opt('startedAt', e.startDateTime),
      ...opt('endedAt', e.endDateTime),
      ...opt('createdAt', e.createdAt),
      ...opt('updatedAt', e.updatedAt),
    }),
    'marketing_events',
    options.log,
  );
  const next = nextAfter(body.paging);
  return { items: parsed.items, malformed: parsed.malformed, ...opt('next', next) };
}

async function breakdownPage(
  api: HubSpotApi,
  path: string,
  after: string | undefined,
  log: ReadOptions['log'],
): Promise<Page<Participation>> {
  const res = await api.request({
    method: 'GET',
    path,
    query: { limit: MARKETING_LIMIT, after },
    label: 'participations',
  });
  const body = parseEnvelope(res, ListBody, 'participations');
  const parsed = parseItems(
    body.results,
    Breakdown,
    (p): Participation => ({
      id: p.id,
      contactId: p.associations.contact.contactId,
      eventId: p.associations.marketingEvent.marketingEventId,
      attendanceState: p.properties.attendanceState,
      ...opt('email', p.associations.contact.email),
      ...opt('eventName', p.associations.marketingEvent.name),
      ...opt('occurredAt', p.properties.occurredAt),
      ...opt('createdAt', p.createdAt),
      ...opt('attendanceDurationSeconds', p.properties.attendanceDurationSeconds),
    }),
    'participations',
    log,
  );
  const next = nextAfter(body.paging);
  return { items: parsed.items, malformed: parsed.malformed, ...opt('next', next) };
}

/** One event's participants. */
export function eventParticipationsPage(
  api: HubSpotApi,
  eventId: string,
  after: string | undefined,
  options: ReadOptions = {},
): Promise<Page<Participation>> {
  check(
    z.object({ eventId: z.string().min(1), after: After }),
    { eventId, after },
    'eventParticipationsPage',
  );
  return breakdownPage(
    api,
    `/marketing/v3/marketing-events/participations/${encodeURIComponent(eventId)}/breakdown`,
    after,
    options.log,
  );
}

/** One contact's participations, by contact id or email. */
export function contactParticipationsPage(
  api: HubSpotApi,
  contactIdOrEmail: string,
  after: string | undefined,
  options: ReadOptions = {},
): Promise<Page<Participation>> {
  check(
    z.object({ contact: z.string().min(1), after: After }),
    { contact: contactIdOrEmail, after },
    'contactParticipationsPage',
  );
  return breakdownPage(
    api,
    `/marketing/v3/marketing-events/participations/contacts/${encodeURIComponent(contactIdOrEmail)}/breakdown`,
    after,
    options.log,
  );
}
