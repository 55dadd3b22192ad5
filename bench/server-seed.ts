// The server benchmark's portal (bench/server.ts): won deals of TOUCHES touches from CONTACTS
// contacts of one company each, stored as raw records and touches in the shapes the sync writes.

import { mulberry32 } from '../src/kernel/index.js';
import { DEFAULT_CHANNELS } from '../src/domain/index.js';
import type { TouchKind } from '../src/domain/index.js';
import type { AssociationPair, RecordInput, Store, TouchpointInput } from '../src/store/index.js';

export const PORTAL = 62515;
export const TOUCHES = 500;
export const CONTACTS = 8;

const DAY = 86_400_000;
const CREATED = Date.UTC(2025, 2, 1);
const CLOSED = Date.UTC(2025, 8, 1);
const FIRST_TOUCH = Date.UTC(2024, 8, 15);

/** Channels with the touch kind the sync derives for them. */
const MIX: readonly (readonly [string, TouchKind])[] = [
  ['paid_search', 'visit'],
  ['organic_search', 'visit'],
  ['paid_social', 'visit'],
  ['organic_social', 'visit'],
  ['direct', 'visit'],
  ['referral', 'visit'],
  ['email', 'email_click'],
  ['events', 'event'],
  ['other_campaigns', 'form_submission'],
  ['offline', 'offline'],
  ['sales_call', 'call'],
  ['sales_meeting', 'meeting'],
  ['sales_email', 'sales_email'],
  ['sales_messaging', 'communication'],
];
const TEAM = new Map(DEFAULT_CHANNELS.map((c) => [c.id, c.team]));
/** Engagement kinds are derived from engagement records; the others from contact records. */
const ENGAGEMENT: Partial<Record<TouchKind, string>> = {
  call: 'calls',
  meeting: 'meetings',
  sales_email: 'emails',
  communication: 'communications',
};

const PIPELINE: RecordInput = {
  id: 'default',
  properties: {
    label: 'Sales pipeline',
    objectType: 'deals',
    displayOrder: 0,
    stages: [
      { id: 'qualified', label: 'Qualified', displayOrder: 0, metadata: { isClosed: 'false' } },
      {
        id: 'closedwon',
        label: 'Closed won',
        displayOrder: 1,
        metadata: { isClosed: 'true', probability: '1.0' },
      },
    ],
  },
  updatedAt: 0,
};

/** One won deal with its company, 8 contacts and 500 touches; ids derived from `n`. */
function dealData(n: number, random: () => number) {
  const dealId = String(1_000_000 + n);
  const companyId = String(2_000_000 + n);
  const contactIds = Array.from({ length: CONTACTS }, (_, k) => String(3_000_000 + n * 10 + k));
  const deal: RecordInput = {
    id: dealId,
    properties: {
      dealname: `Account ${n} - Platform licence`,
      amount: `${20_000 + Math.floor(random() * 80_000)}.${String(n % 100).padStart(2, '0')}`,
      deal_currency_code: 'USD',
      createdate: new Date(CREATED).toISOString(),
      closedate: String(CLOSED),
      dealstage: 'closedwon',
      pipeline: 'default',
      hs_is_closed: 'true',
      hs_is_closed_won: 'true',
      hs_lastmodifieddate: new Date(CLOSED).toISOString(),
    },
    history: { dealstage: [{ value: 'closedwon', timestamp: CLOSED }] },
    createdAt: CREATED,
    updatedAt: CLOSED,
  };
  const contacts: RecordInput[] = contactIds.map((id, k) => ({
    id,
    properties: {
      firstname: `Person${k}`,
      lastname: `Account${n}`,
      email: `person${k}@account${n}.example`,
      createdate: String(FIRST_TOUCH + k * 7 * DAY),
      hs_buying_role: k === 0 ? 'DECISION_MAKER' : k === 1 ? 'CHAMPION' : null,
      associatedcompanyid: companyId,
    },
    createdAt: FIRST_TOUCH + k * 7 * DAY,
    updatedAt: CLOSED,
  }));
  const span = CLOSED - FIRST_TOUCH;
  const touches: TouchpointInput[] = [];
  const created = new Set<string>();
  for (let i = 0; i < TOUCHES; i++) {
    const [channel, kind] = MIX[Math.floor(random() * MIX.length)]!;
    const k = Math.floor(random() * CONTACTS);
    const contactId = contactIds[k]!;
    const at = FIRST_TOUCH + Math.floor((span * i) / TOUCHES) + Math.floor(random() * 3_600_000);
    const engagement = ENGAGEMENT[kind];
    const engagementId = String(4_000_000 + n * TOUCHES + i);
    touches.push({
      id:
        engagement === undefined
          ? `contact:${contactId}:${kind}:${at}`
          : `${engagement}:${engagementId}`,
      occurredAt: at,
      // Meetings often have two attendees of the buying group.
      contactIds: kind === 'meeting' ? [contactId, contactIds[(k + 1) % CONTACTS]!] : [contactId],
      companyIds: [companyId],
      kind,
      channel,
      team: TEAM.get(channel) ?? 'marketing',
      // A contact's first touch is the one that created it (lead creation).
      ...(created.has(contactId) ? {} : { createdContactIds: [contactId] }),
      ...(kind === 'event' ? { title: `Webinar: Roadmap ${i}` } : {}),
      ...(kind === 'meeting' ? { title: `Meeting with Person${k}` } : {}),
      originId: engagement === undefined ? contactId : engagementId,
    });
    created.add(contactId);
  }
  return { dealId, companyId, contactIds, deal, contacts, touches };
}

export async function seed(store: Store, deals: number): Promise<string[]> {
  await store.upsertPortal(PORTAL, {
    name: 'Bench',
    timeZone: 'UTC',
    currency: 'USD',
    tier: 'professional',
    appType: 'private',
  });
  await store.upsertRecords(PORTAL, 'pipelines', [PIPELINE]);
  const random = mulberry32(5);
  const ids: string[] = [];
  for (let n = 0; n < deals; n++) {
    const d = dealData(n, random);
    ids.push(d.dealId);
    await store.upsertRecords(PORTAL, 'deals', [d.deal]);
    await store.upsertRecords(PORTAL, 'companies', [
      { id: d.companyId, properties: { name: `Account ${n}` }, updatedAt: CLOSED },
    ]);
    await store.upsertRecords(PORTAL, 'contacts', d.contacts);
    const pair = (fromId: string, toId: string): AssociationPair => ({
      fromId,
      toId,
      typeIds: [3],
    });
    await store.replaceAssociations(
      PORTAL,
      'deals',
      [d.dealId],
      'contacts',
      d.contactIds.map((c) => pair(d.dealId, c)),
    );
    await store.replaceAssociations(PORTAL, 'deals', [d.dealId], 'companies', [
      pair(d.dealId, d.companyId),
    ]);
    await store.replaceAssociations(
      PORTAL,
      'contacts',
      d.contactIds,
      'companies',
      d.contactIds.map((c) => pair(c, d.companyId)),
    );
    const byOrigin = new Map<string, TouchpointInput[]>();
    for (const t of d.touches) {
      const originType = t.id.startsWith('contact:')
        ? 'contacts'
        : t.id.slice(0, t.id.indexOf(':'));
      const list = byOrigin.get(originType);
      if (list === undefined) byOrigin.set(originType, [t]);
      else list.push(t);
    }
    for (const [originType, touches] of byOrigin)
      await store.replaceTouchpointsFor(
        PORTAL,
        originType,
        [...new Set(touches.map((t) => t.originId))],
        touches,
      );
  }
  return ids;
}
