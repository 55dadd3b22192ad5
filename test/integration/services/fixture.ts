// A store seeded with RAW HubSpot records in the shapes the sync stores: the ATTRIBUTION.md §2.5
// worked example as data (deal 101), deals in EUR and JPY, a deal without amount, an open deal,
// a lost deal, a deal without touches whose stage comes only from pipeline metadata, a merged
// contact, and a second portal that reuses deal id 101 with other data.

import type { TouchKind } from '../../../src/domain/index.js';
import {
  openStore,
  type RecordInput,
  type Store,
  type TouchpointInput,
} from '../../../src/store/index.js';

export const PORTAL = 1001;
export const OTHER_PORTAL = 2002;
/** "Now" for open deals: after every close date of the fixture. */
export const NOW = Date.parse('2024-07-01T00:00:00Z');

const at = (iso: string): number => Date.parse(`${iso}Z`);
const ms = (iso: string): string => String(at(iso));

const PIPELINE: RecordInput = {
  id: 'default',
  properties: {
    label: 'Sales pipeline',
    objectType: 'deals',
    stages: [
      {
        id: 'qualified',
        label: 'Qualified',
        displayOrder: 0,
        metadata: { isClosed: 'false', probability: '0.2' },
      },
      {
        id: 'closedwon',
        label: 'Closed won',
        displayOrder: 1,
        metadata: { isClosed: 'true', probability: '1.0' },
      },
      {
        id: 'closedlost',
        label: 'Closed lost',
        displayOrder: 2,
        metadata: { isClosed: 'true', probability: '0.0' },
      },
    ],
  },
  updatedAt: at('2024-01-01T00:00'),
};

function deal(
  id: string,
  p: {
    amount: string | null;
    currency?: string;
    created: string;
    closed?: string;
    stage: 'qualified' | 'closedwon' | 'closedlost';
    flags?: boolean;
    name?: string;
  },
): RecordInput {
  const won = p.stage === 'closedwon';
  const closed = p.stage !== 'qualified';
  return {
    id,
    properties: {
      dealname: p.name ?? `Deal ${id}`,
      amount: p.amount,
      ...(p.currency === undefined ? {} : { deal_currency_code: p.currency }),
      // Dates in both of HubSpot's shapes: ISO for createdate, ms strings for closedate.
      createdate: `${p.created}:00.000Z`,
      closedate: p.closed === undefined ? null : ms(p.closed),
      dealstage: p.stage,
      pipeline: 'default',
      ...(p.flags === false ? {} : { hs_is_closed: String(closed), hs_is_closed_won: String(won) }),
      hs_lastmodifieddate: `${p.closed ?? p.created}:00.000Z`,
    },
    history: { dealstage: [{ value: p.stage, timestamp: at(p.closed ?? p.created) }] },
    createdAt: at(p.created),
    updatedAt: at(p.closed ?? p.created),
  };
}

export function contact(
  id: string,
  created: string,
  first: string,
  role?: string,
  company?: string,
): RecordInput {
  return {
    id,
    properties: {
      firstname: first,
      lastname: 'Test',
      email: `${first.toLowerCase()}@example.com`,
      createdate: ms(created),
      hs_buying_role: role ?? null,
      associatedcompanyid: company ?? null,
    },
    createdAt: at(created),
    updatedAt: at(created),
  };
}

function touch(
  id: string,
  iso: string,
  contactIds: string[],
  channel: string,
  kind: TouchKind,
  extra: Partial<TouchpointInput> = {},
): TouchpointInput {
  return {
    id,
    occurredAt: at(iso),
    contactIds,
    channel,
    kind,
    team: kind === 'meeting' || kind === 'call' ? 'sales' : 'marketing',
    originId: id,
    ...extra,
  };
}

/**
 * `clock`: the store's clock (synced_at of every write); NOW unless a test moves it. `url`: the
 * database (default in memory; a file for recomputes whose worker threads open it too).
 */
export async function seededStore(
  clock: () => number = () => NOW,
  url = 'sqlite::memory:',
): Promise<Store> {
  const store = await openStore(url, { now: clock });
  const portal = {
    name: 'Fixture',
    timeZone: 'UTC',
    currency: 'USD',
    tier: 'professional',
    appType: 'private',
  } as const;
  await store.upsertPortal(PORTAL, portal);
  await store.upsertPortal(OTHER_PORTAL, { ...portal, name: 'Other' });
  await store.upsertRecords(PORTAL, 'pipelines', [PIPELINE]);
  await store.upsertRecords(OTHER_PORTAL, 'pipelines', [PIPELINE]);

  await store.upsertRecords(PORTAL, 'deals', [
    // §2.5: 10 000.00 USD, created 2024-03-01, won 2024-06-01T12:00.
    deal('101', {
      amount: '10000.00',
      currency: 'USD',
      created: '2024-03-01T00:00',
      closed: '2024-06-01T12:00',
      stage: 'closedwon',
      name: 'Worked example',
    }),
    deal('102', {
      amount: '1234.56',
      currency: 'EUR',
      created: '2024-02-01T00:00',
      closed: '2024-03-01T00:00',
      stage: 'closedwon',
    }),
    deal('103', {
      amount: '5000',
      currency: 'JPY',
      created: '2024-02-01T00:00',
      closed: '2024-03-15T00:00',
      stage: 'closedwon',
    }),
    deal('104', {
      amount: null,
      created: '2024-02-01T00:00',
      closed: '2024-04-01T00:00',
      stage: 'closedwon',
    }),
    deal('105', { amount: '777.77', created: '2024-05-01T00:00', stage: 'qualified' }),
    // Stage from pipeline metadata only (no hs_is_closed flags); no touches.
    deal('106', {
      amount: '300.00',
      created: '2024-02-01T00:00',
      closed: '2024-02-20T00:00',
      stage: 'closedwon',
      flags: false,
    }),
    deal('107', {
      amount: '999.99',
      created: '2024-02-01T00:00',
      closed: '2024-05-01T00:00',
      stage: 'closedlost',
    }),
  ]);
  await store.upsertRecords(PORTAL, 'contacts', [
    contact('201', '2024-01-10T10:00', 'Ana', 'DECISION_MAKER', '301'),
    contact('202', '2024-02-15T15:00', 'Ben', 'CHAMPION;INFLUENCER'),
    contact('203', '2024-01-05T00:00', 'Cleo'),
    contact('204', '2024-01-05T00:00', 'Dev'),
    contact('205', '2024-01-05T00:00', 'Eve'),
  ]);
  // Deal 101 was associated with 299 before 299 merged into 202.
  await store.recordMerges(PORTAL, 'contacts', [{ fromId: '299', intoId: '202' }]);
  const pair = (fromId: string, toId: string) => ({ fromId, toId, typeIds: [3] });
  await store.replaceAssociations(
    PORTAL,
    'deals',
    ['101', '102', '103', '104', '105', '106', '107'],
    'contacts',
    [
      pair('101', '201'),
      pair('101', '299'),
      pair('102', '203'),
      pair('103', '203'),
      pair('104', '204'),
      pair('105', '204'),
      pair('106', '205'),
      pair('107', '203'),
    ],
  );
  await store.replaceAssociations(PORTAL, 'deals', ['101'], 'companies', [pair('101', '301')]);
  await store.replaceAssociations(PORTAL, 'contacts', ['201'], 'companies', [pair('201', '301')]);

  const touches = [
    // §2.5, contacts C1 = 201, C2 = 202.
    touch('t1', '2024-01-02T09:00', ['201'], 'paid_search', 'visit'),
    touch('t2', '2024-01-10T10:00', ['201'], 'organic', 'form_submission', {
      createdContactIds: ['201'],
    }),
    touch('t3', '2024-02-15T15:00', ['202'], 'webinar', 'event'),
    touch('t4', '2024-02-28T11:00', ['202'], 'email', 'email_click'),
    touch('t5', '2024-04-10T16:00', ['201'], 'sales_meeting', 'meeting'),
    touch('t6', '2024-05-30T12:00', ['202'], 'email', 'email_click'),
    touch('t7', '2024-06-03T09:00', ['201'], 'direct', 'visit'),
    // Contact 203 (deals 102 EUR, 103 JPY, 107 lost); 204 (104 no amount, 105 open).
    touch('u1', '2024-01-20T00:00', ['203'], 'paid_search', 'visit'),
    touch('u2', '2024-02-10T00:00', ['203'], 'email', 'email_click'),
    touch('u3', '2024-02-25T00:00', ['203'], 'sales_call', 'call'),
    touch('v1', '2024-01-20T00:00', ['204'], 'organic_search', 'visit'),
    touch('v2', '2024-03-01T00:00', ['204', '203'], 'events', 'event'),
    touch('v3', '2024-05-20T00:00', ['204'], 'sales_meeting', 'meeting'),
  ];
  await store.replaceTouchpointsFor(
    PORTAL,
    'test',
    touches.map((t) => t.originId),
    touches,
  );

  // The other portal: same deal id, other contact and touch.
  await store.upsertRecords(OTHER_PORTAL, 'deals', [
    deal('101', {
      amount: '50.00',
      currency: 'USD',
      created: '2024-03-01T00:00',
      closed: '2024-03-10T00:00',
      stage: 'closedwon',
      name: 'Other portal deal',
    }),
  ]);
  await store.upsertRecords(OTHER_PORTAL, 'contacts', [contact('201', '2024-01-01T00:00', 'Zed')]);
  await store.replaceAssociations(OTHER_PORTAL, 'deals', ['101'], 'contacts', [pair('101', '201')]);
  const other = [touch('x1', '2024-03-02T00:00', ['201'], 'referral', 'visit')];
  await store.replaceTouchpointsFor(OTHER_PORTAL, 'test', ['x1'], other);
  return store;
}

/** Marks every stream fully synced (what the sync does after its first full run). */
export async function markSynced(store: Store, portalId: number): Promise<void> {
  for (const stream of ['deals', 'contacts']) {
    await store.saveStreamStatus(portalId, {
      stream,
      records: 1,
      apiCalls: 1,
      lastError: null,
      lastRunAt: NOW,
    });
    await store.saveCheckpoint({
      portalId,
      stream,
      version: 0,
      cursor: null,
      phase: 'incremental',
      lastFullSyncAt: NOW,
    });
  }
}
