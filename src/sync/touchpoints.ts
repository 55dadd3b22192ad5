// Touchpoints derived from synced records (ARCHITECTURE.md "Touchpoint sources"), classified into
// channels by the portal's rules. Pure: records in, touchpoints out; the caller stores them per
// origin record, so re-deriving one record replaces exactly its touches.
//
// Ids are stable across runs (derived from the origin id and the touch's time), so a re-sync
// replaces rather than duplicates, and a journey's order (time, then id) is reproducible.

import type { Team, TouchKind } from '../domain/index.js';
import type { SourceDetails } from '../attribution/index.js';
import type { CompiledRules } from '../channels/index.js';
import { parseHubSpotTime } from '../hubspot/index.js';
import type { JsonValue, PropertyVersion, TouchpointInput } from '../store/index.js';

/** The CRM types whose records are sales touches (engagements). */
export const ENGAGEMENT_TYPES = [
  'calls',
  'emails',
  'meetings',
  'communications',
  'notes',
  'tasks',
] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];
export const isEngagement = (t: string): t is EngagementType =>
  (ENGAGEMENT_TYPES as readonly string[]).includes(t);

/** The part of a stored record derivation reads. */
export interface SourceRecord {
  readonly id: string;
  readonly properties: { readonly [name: string]: JsonValue };
  readonly history?: { readonly [name: string]: readonly PropertyVersion[] };
  readonly createdAt?: number | null;
  readonly archived?: boolean;
}

/** HubSpot's mixed time formats (the HubSpot layer's one parser). */
export const parseTime = (value: JsonValue | undefined): number | undefined =>
  parseHubSpotTime(value);

const str = (value: JsonValue | undefined): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function details(d: {
  source?: string | undefined;
  medium?: string | undefined;
  detail1?: string | undefined;
  detail2?: string | undefined;
  url?: string | undefined;
}): SourceDetails | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d)) if (v !== undefined && v !== '') out[k] = v;
  return Object.keys(out).length === 0 ? undefined : out;
}

/** The value a property had at `at` according to its history (oldest first). */
function valueAt(history: readonly PropertyVersion[] | undefined, at: number): string | undefined {
  if (!history) return undefined;
  let value: string | undefined;
  for (const v of history) {
    if (v.timestamp > at) break;
    value = v.value ?? undefined;
  }
  return value;
}

interface Draft {
  readonly id: string;
  readonly occurredAt: number;
  readonly contactIds: readonly string[];
  readonly kind: TouchKind;
  readonly team: Team;
  readonly source?: SourceDetails | undefined;
  readonly campaign?: string | undefined;
  readonly title?: string | undefined;
  readonly createdContactIds?: readonly string[];
}

export class TouchpointDeriver {
  constructor(private readonly rules: CompiledRules) {}

  private finish(originId: string, d: Draft): TouchpointInput {
    const channel = this.rules.classify({
      kind: d.kind,
      ...(d.source === undefined ? {} : { source: d.source }),
      ...(d.campaign === undefined ? {} : { campaign: d.campaign }),
    }).channel;
    return {
      id: d.id,
      occurredAt: d.occurredAt,
      contactIds: d.contactIds,
      kind: d.kind,
      channel,
      team: d.team,
      ...(d.createdContactIds === undefined ? {} : { createdContactIds: d.createdContactIds }),
      ...(d.source === undefined ? {} : { source: d.source }),
      ...(d.campaign === undefined ? {} : { campaign: d.campaign }),
      ...(d.title === undefined ? {} : { title: d.title }),
      originId,
    };
  }

  /**
   * A contact's own marketing touches: the original source (the touch that created the contact),
   * every later visit in the history of `hs_latest_source`, and every form conversion in the
   * history of `recent_conversion_event_name`. A conversion and the visit it happened in share a
   * timestamp; they are one touch (the form submission), not two.
   * `contactId` is the id the touches are credited to (the merge survivor for a merged contact).
   */
  contact(record: SourceRecord, contactId: string = record.id): TouchpointInput[] {
    const p = record.properties;
    const h = record.history ?? {};
    const createdAt = parseTime(p['createdate']) ?? record.createdAt ?? undefined;
    const drafts = new Map<number, Draft>();
    const who = [contactId];

    const firstAt = parseTime(p['hs_analytics_first_timestamp']) ?? createdAt;
    const original = str(p['hs_analytics_source']);
    if (original !== undefined && firstAt !== undefined) {
      drafts.set(firstAt, {
        id: `contact:${record.id}:source`,
        occurredAt: firstAt,
        contactIds: who,
        kind: original === 'OFFLINE' ? 'offline' : 'visit',
        team: 'marketing',
        source: details({
          source: original,
          detail1: str(p['hs_analytics_source_data_1']),
          detail2: str(p['hs_analytics_source_data_2']),
          url: str(p['hs_analytics_first_url']),
        }),
        createdContactIds: [contactId],
      });
    }

    // The visit source in effect at `at`: from the history, or else from the touches known so far.
    const sourceAt = (at: number): SourceDetails | undefined => {
      if ((h['hs_latest_source']?.length ?? 0) > 0)
        return details({
          source: valueAt(h['hs_latest_source'], at),
          detail1: valueAt(h['hs_latest_source_data_1'], at),
          detail2: valueAt(h['hs_latest_source_data_2'], at),
        });
      let best: Draft | undefined;
      for (const d of drafts.values())
        if (d.occurredAt <= at && (best === undefined || d.occurredAt >= best.occurredAt)) best = d;
      return best?.source;
    };

    const visits = h['hs_latest_source'];
    if (visits && visits.length > 0) {
      for (const v of visits) {
        if (v.value === null || v.value === '' || drafts.has(v.timestamp)) continue;
        drafts.set(v.timestamp, {
          id: `contact:${record.id}:visit:${String(v.timestamp)}`,
          occurredAt: v.timestamp,
          contactIds: who,
          kind: v.value === 'OFFLINE' ? 'offline' : 'visit',
          team: 'marketing',
          source: sourceAt(v.timestamp),
        });
      }
    } else {
      // No history (e.g. a portal that never sent it): the latest visit alone.
      const latest = str(p['hs_latest_source']);
      const at = parseTime(p['hs_latest_source_timestamp']);
      if (latest !== undefined && at !== undefined && !drafts.has(at)) {
        drafts.set(at, {
          id: `contact:${record.id}:visit:${String(at)}`,
          occurredAt: at,
          contactIds: who,
          kind: latest === 'OFFLINE' ? 'offline' : 'visit',
          team: 'marketing',
          source: details({
            source: latest,
            detail1: str(p['hs_latest_source_data_1']),
            detail2: str(p['hs_latest_source_data_2']),
          }),
        });
      }
    }

    const conversions: { at: number; form: string }[] = [];
    const convHistory = h['recent_conversion_event_name'];
    if (convHistory && convHistory.length > 0) {
      for (const v of convHistory)
        if (v.value !== null && v.value !== '')
          conversions.push({ at: v.timestamp, form: v.value });
    } else {
      for (const [name, date] of [
        ['first_conversion_event_name', 'first_conversion_date'],
        ['recent_conversion_event_name', 'recent_conversion_date'],
      ] as const) {
        const form = str(p[name]);
        const at = parseTime(p[date]);
        if (form !== undefined && at !== undefined && !conversions.some((c) => c.at === at))
          conversions.push({ at, form });
      }
    }
    for (const c of conversions) {
      const same = drafts.get(c.at);
      drafts.set(c.at, {
        id: `contact:${record.id}:form:${String(c.at)}`,
        occurredAt: c.at,
        contactIds: who,
        kind: 'form_submission',
        team: 'marketing',
        source: same?.source ?? sourceAt(c.at),
        title: c.form,
        ...(same?.createdContactIds === undefined
          ? {}
          : { createdContactIds: same.createdContactIds }),
      });
    }
    return [...drafts.values()].map((d) => this.finish(record.id, d));
  }

  /**
   * A sales engagement (call, meeting, email, communication, note, task) with the contacts it is
   * associated with. Attempts that never reached the buyer do not count: calls that were not
   * completed, meetings cancelled or missed, emails that bounced or were never sent.
   */
  engagement(
    type: EngagementType,
    record: SourceRecord,
    contactIds: readonly string[],
  ): TouchpointInput[] {
    if (contactIds.length === 0 || record.archived === true) return [];
    const p = record.properties;
    const at =
      (type === 'meetings' ? parseTime(p['hs_meeting_start_time']) : undefined) ??
      parseTime(p['hs_timestamp']);
    if (at === undefined) return [];
    const status = (name: string) => str(p[name])?.toUpperCase();
    let kind: TouchKind;
    let title: string | undefined;
    let source: SourceDetails | undefined;
    switch (type) {
      case 'calls': {
        const s = status('hs_call_status');
        if (s !== undefined && s !== 'COMPLETED') return [];
        kind = 'call';
        title = str(p['hs_call_title']);
        break;
      }
      case 'meetings': {
        const s = status('hs_meeting_outcome');
        if (s === 'CANCELED' || s === 'NO_SHOW' || s === 'RESCHEDULED') return [];
        kind = 'meeting';
        title = str(p['hs_meeting_title']);
        break;
      }
      case 'emails': {
        const s = status('hs_email_status');
        if (s !== undefined && s !== 'SENT') return [];
        kind = 'sales_email';
        title = str(p['hs_email_subject']);
        break;
      }
      case 'communications': {
        kind = 'communication';
        const channelType = str(p['hs_communication_channel_type']);
        source = details({ medium: channelType?.toLowerCase() });
        title = channelType;
        break;
      }
      case 'notes':
        kind = 'note';
        break;
      case 'tasks':
        if (status('hs_task_status') !== 'COMPLETED') return [];
        kind = 'task';
        title = str(p['hs_task_subject']);
        break;
    }
    return [
      this.finish(record.id, {
        id: `${type}:${record.id}`,
        occurredAt: at,
        contactIds: [...new Set(contactIds)].sort(),
        kind,
        team: 'sales',
        source,
        title,
      }),
    ];
  }

  /** A marketing email click (legacy email events API) by a known contact. */
  emailClick(event: SourceRecord, contactId: string): TouchpointInput[] {
    const p = event.properties;
    const at = parseTime(p['created']);
    if (at === undefined || str(p['type']) !== 'CLICK') return [];
    const campaign = p['emailCampaignId'];
    return [
      this.finish(event.id, {
        id: `email_event:${event.id}`,
        occurredAt: at,
        contactIds: [contactId],
        kind: 'email_click',
        team: 'marketing',
        source: details({ medium: 'email', url: str(p['url']) }),
        campaign:
          typeof campaign === 'number' || typeof campaign === 'string'
            ? String(campaign)
            : undefined,
      }),
    ];
  }

  /** Attendance of (or registration for) a marketing event or webinar. */
  participation(record: SourceRecord, contactId: string): TouchpointInput[] {
    const p = record.properties;
    const state = str(p['attendanceState']);
    if (state !== 'ATTENDED' && state !== 'REGISTERED') return [];
    const at = parseTime(p['occurredAt']) ?? parseTime(p['createdAt']);
    if (at === undefined) return [];
    const name = str(p['eventName']);
    return [
      this.finish(record.id, {
        id: `participation:${record.id}`,
        occurredAt: at,
        contactIds: [contactId],
        kind: 'event',
        team: 'marketing',
        source: details({ detail1: str(p['eventType']), detail2: name }),
        campaign: name,
        title: name,
      }),
    ];
  }
}
