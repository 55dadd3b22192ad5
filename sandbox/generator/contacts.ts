// Contacts: creation by their first touch (original source), later visits (latest-source history),
// form conversions and lifecycle stages that only move forward.

import { LIFECYCLE_STAGES, dateEnteredProperty, lifecycleDateProperty } from '../schema.js';
import { type CrmRecord, createRecord, updateRecord } from '../portal.js';
import { type Channel, SOURCE_OF } from './channels.js';
import type { Account, Ctx } from './context.js';
import { emailClick, pageViews, visitSource } from './marketing.js';
import { iso } from './random.js';
import { FIRST_NAMES, FORMS, LAST_NAMES, ROLES } from './vocabulary.js';

export type Stage = (typeof LIFECYCLE_STAGES)[number];
const ORDER: Readonly<Record<string, number>> = Object.fromEntries(
  LIFECYCLE_STAGES.slice(0, 6).map((s, i) => [s, i]),
);
const PERSONAL_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com'] as const;

/** Creates the contact its first touch created; `domain` is null for contacts with no company. */
export function createContact(
  ctx: Ctx,
  acct: Account | undefined,
  role: number,
  channel: Channel,
  at: number,
  duplicateOf?: CrmRecord,
): CrmRecord {
  const { rng, portal } = ctx;
  const first = duplicateOf?.properties.firstname ?? rng.pick(FIRST_NAMES);
  const last = duplicateOf?.properties.lastname ?? rng.pick(LAST_NAMES);
  const company = acct?.company;
  const domain =
    company && !duplicateOf
      ? (company.properties.domain ?? 'example.com')
      : rng.pick(PERSONAL_DOMAINS);
  // nextId makes the address unique even when two people share a name.
  const email = `${first}.${last}.${portal.nextId}@${domain}`.toLowerCase();
  const [buyingRole, titles] = ROLES[role] ?? ROLES[4];
  const src = visitSource(ctx, channel, at);
  const source = SOURCE_OF[channel] ?? 'OFFLINE';
  const stage: Stage =
    channel === 'offline' || !rng.chance(0.35) || duplicateOf ? 'lead' : 'subscriber';
  const created = iso(at);
  const props: Record<string, string | null> = {
    email,
    firstname: first,
    lastname: last,
    jobtitle: rng.pick(titles),
    hs_buying_role: acct ? buyingRole : null,
    company: company?.properties.name ?? null,
    associatedcompanyid: company?.id ?? null,
    hubspot_owner_id: acct?.owner ?? null,
    lifecyclestage: stage,
    [lifecycleDateProperty(stage)]: created,
    [dateEnteredProperty(stage)]: created,
    hs_analytics_source: source,
    hs_analytics_source_data_1: src.data1,
    hs_analytics_source_data_2: src.data2,
    hs_analytics_first_timestamp: created,
    hs_analytics_first_url: src.url,
    hs_analytics_first_referrer: src.referrer,
    hs_latest_source: source,
    hs_latest_source_data_1: src.data1,
    hs_latest_source_data_2: src.data2,
    hs_latest_source_timestamp: created,
    num_conversion_events: '0',
    hs_object_source: channel === 'offline' ? (src.data1 ?? 'CRM_UI') : 'FORM',
  };
  // Unset properties are simply absent, as in HubSpot; storing nulls would cost a history entry each.
  const set = Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null));
  const record = createRecord(
    portal,
    'contacts',
    set,
    at,
    channel === 'offline' ? 'CRM_UI' : 'FORM',
  );
  if (ctx.webAnalytics && channel !== 'offline') pageViews(ctx, record, at, source);
  return record;
}

/** A later visit through `channel` (email: the click, then the visit it causes). */
export function visit(
  ctx: Ctx,
  contact: CrmRecord,
  channel: Channel,
  at: number,
  convert: boolean,
): void {
  const src = visitSource(ctx, channel, at);
  const source = SOURCE_OF[channel] ?? 'DIRECT_TRAFFIC';
  if (channel === 'email') emailClick(ctx, contact, at, src.url);
  const props: Record<string, string | null> = {
    hs_latest_source: source,
    hs_latest_source_data_1: src.data1,
    hs_latest_source_data_2: src.data2,
    hs_latest_source_timestamp: iso(at),
  };
  if (convert) {
    const form = ctx.rng.pick(FORMS);
    const count = Number(contact.properties.num_conversion_events ?? '0') + 1;
    props.num_conversion_events = String(count);
    props.recent_conversion_event_name = form;
    props.recent_conversion_date = props.hs_latest_source_timestamp!;
    if (count === 1) {
      props.first_conversion_event_name = form;
      props.first_conversion_date = props.hs_latest_source_timestamp!;
    }
    Object.assign(
      props,
      stageProps(contact, count >= 2 || form === FORMS[0] ? 'marketingqualifiedlead' : 'lead', at),
    );
  }
  updateRecord(ctx.portal, 'contacts', contact, props, at, 'ANALYTICS');
  if (ctx.webAnalytics) pageViews(ctx, contact, at, source);
}

/** The properties that move a contact forward to `stage`; empty if it is there or beyond. */
export function stageProps(contact: CrmRecord, stage: Stage, at: number): Record<string, string> {
  const current = ORDER[contact.properties.lifecyclestage ?? ''] ?? -1;
  const target = ORDER[stage] ?? -1;
  if (target <= current) return {};
  const when = iso(at);
  return {
    lifecyclestage: stage,
    [lifecycleDateProperty(stage)]: when,
    [dateEnteredProperty(stage)]: when,
  };
}

export function advanceLifecycle(ctx: Ctx, contact: CrmRecord, stage: Stage, at: number): void {
  const props = stageProps(contact, stage, at);
  if (Object.keys(props).length > 0)
    updateRecord(ctx.portal, 'contacts', contact, props, at, 'CRM_UI');
}

/** A user's edit: a new job title or a phone number. */
export function editContact(
  ctx: Ctx,
  contact: CrmRecord,
  field: 'jobtitle' | 'phone',
  at: number,
): void {
  const { rng } = ctx;
  const value =
    field === 'phone'
      ? `+1 555 ${String(rng.int(100, 999))} ${String(rng.int(1000, 9999))}`
      : `Senior ${contact.properties.jobtitle ?? 'Analyst'}`;
  updateRecord(ctx.portal, 'contacts', contact, { [field]: value }, at, 'CRM_UI');
}
