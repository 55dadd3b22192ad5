// Reads touches back out of a portal's data, classified by the planted channel rules
// (TRUTH_DESCRIPTION). The time simulator decides outcomes from this view, and tests use it to
// check that what the portal shows matches what the generator planned.

import {
  type CrmRecord,
  type EmailEvent,
  type Participation,
  type Portal,
  associationsOf,
} from '../portal.js';
import {
  CHANNEL_OF_SOURCE,
  type Channel,
  channelOfCommunication,
  channelOfEventType,
} from './channels.js';

export interface Touch {
  readonly at: number;
  readonly channel: Channel;
  readonly contactId: string;
  /** 'visit', 'emailEvent', 'participation' or the engagement type. */
  readonly medium: string;
  /** Record / event id; for visits the contact id. */
  readonly id: string;
}

export interface EventIndex {
  readonly participations: Map<string, Participation[]>;
  readonly clicks: Map<string, EmailEvent[]>;
}

/** Indexes participations by contact and email clicks by recipient (one pass over each stream). */
export function indexEvents(portal: Portal): EventIndex {
  const participations = new Map<string, Participation[]>();
  for (const p of portal.participations) {
    const list = participations.get(p.contactId);
    if (list) list.push(p);
    else participations.set(p.contactId, [p]);
  }
  const clicks = new Map<string, EmailEvent[]>();
  for (const e of portal.emailEvents) {
    if (e.type !== 'CLICK') continue;
    const list = clicks.get(e.recipient);
    if (list) list.push(e);
    else clicks.set(e.recipient, [e]);
  }
  return { participations, clicks };
}

type SalesType = 'calls' | 'meetings' | 'emails' | 'communications';
const SALES_TYPES: readonly SalesType[] = ['calls', 'meetings', 'emails', 'communications'];

/** The planted channel of an engagement: by type, a communication by its channel type. */
function salesChannel(type: SalesType, rec: CrmRecord): Channel {
  switch (type) {
    case 'calls':
      return 'sales_call';
    case 'meetings':
      return 'sales_meeting';
    case 'emails':
      return 'sales_email';
    case 'communications':
      return channelOfCommunication(rec.properties.hs_communication_channel_type);
  }
}

/** Every touch of one contact, in no particular order. */
export function contactTouches(portal: Portal, contact: CrmRecord, index: EventIndex): Touch[] {
  const out: Touch[] = [];
  const sources = contact.history.hs_latest_source ?? [];
  for (const v of contact.history.hs_latest_source_timestamp ?? []) {
    let source: string | null = null;
    for (const s of sources) if (s.timestamp <= v.timestamp) source = s.value;
    const channel = CHANNEL_OF_SOURCE[source ?? ''];
    if (channel && v.value !== null)
      out.push({
        at: Date.parse(v.value),
        channel,
        contactId: contact.id,
        medium: 'visit',
        id: contact.id,
      });
  }
  for (const e of index.clicks.get(contact.properties.email ?? '') ?? [])
    out.push({
      at: e.created,
      channel: 'email',
      contactId: contact.id,
      medium: 'emailEvent',
      id: e.id,
    });
  for (const p of index.participations.get(contact.id) ?? []) {
    const channel: Channel = channelOfEventType(p.eventType);
    out.push({
      at: p.occurredAt,
      channel,
      contactId: contact.id,
      medium: 'participation',
      id: p.id,
    });
  }
  for (const type of SALES_TYPES) {
    for (const a of associationsOf(portal, 'contacts', contact.id, type)) {
      const rec = portal.objects[type].get(a.toId);
      if (!rec || rec.archived) continue;
      out.push({
        at: Date.parse(rec.properties.hs_timestamp ?? ''),
        channel: salesChannel(type, rec),
        contactId: contact.id,
        medium: type,
        id: rec.id,
      });
    }
  }
  return out;
}

/** Every touch of a company's current (non-archived) contacts, oldest first. */
export function accountTouches(portal: Portal, companyId: string, index: EventIndex): Touch[] {
  const out: Touch[] = [];
  for (const a of associationsOf(portal, 'companies', companyId, 'contacts')) {
    const contact = portal.objects.contacts.get(a.toId);
    if (contact && !contact.archived) out.push(...contactTouches(portal, contact, index));
  }
  return out.sort((x, y) => x.at - y.at);
}

/** Distinct channels of the touches in [from, to]. */
export function channelsBetween(touches: readonly Touch[], from: number, to: number): Set<Channel> {
  const out = new Set<Channel>();
  for (const t of touches) if (t.at >= from && t.at <= to) out.add(t.channel);
  return out;
}
