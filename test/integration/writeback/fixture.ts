// A store seeded from a generated sandbox portal, as a sync would leave it, plus synthetic
// attribution results: every deal's contacts get a marketing touch before the deal, a sales call
// after it, and the first two contacts share one event touch; credits are linear in cents.

import type { Role } from '../../../src/domain/index.js';
import {
  allocate,
  toMinorUnits,
  type Credit,
  type Journey,
} from '../../../src/attribution/index.js';
import {
  journeyHash,
  journeyMembers,
  journeyPath,
  storedJourney,
  type TouchLinks,
} from '../../../src/read-model/index.js';
import { parseDeal } from '../../../src/services/deal-records.js';
import { associationsOf, type Portal } from '../../../sandbox/portal.js';
import type {
  AssociationPair,
  AttributionRecord,
  DealJourneyInput,
  RecordInput,
  StoredRecord,
  Store,
  TouchpointInput,
} from '../../../src/store/index.js';

const DAY = 86_400_000;
const MARKETING = ['paid_search', 'organic_search', 'email', 'referral'] as const;
export const COMPUTED_AT = Date.UTC(2026, 0, 1);

const live = (portal: Portal, type: 'deals' | 'contacts' | 'companies') =>
  [...portal.objects[type].values()].filter((r) => !r.archived);

function records(portal: Portal, type: 'deals' | 'contacts' | 'companies'): RecordInput[] {
  return live(portal, type).map((r) => ({
    id: r.id,
    properties: { ...r.properties },
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

function pairs(
  portal: Portal,
  from: 'deals' | 'contacts' | 'companies',
  to: 'deals' | 'contacts' | 'companies',
): { ids: string[]; pairs: AssociationPair[] } {
  const ids = live(portal, from).map((r) => r.id);
  return {
    ids,
    pairs: ids.flatMap((fromId) =>
      associationsOf(portal, from, fromId, to).map((a) => ({
        fromId,
        toId: a.toId,
        typeIds: a.typeIds,
      })),
    ),
  };
}

export interface Seeded {
  /** Deal id → its synthetic touches, in journey order. */
  readonly journeys: ReadonlyMap<string, readonly TouchpointInput[]>;
  readonly results: readonly AttributionRecord[];
}

export async function seedStore(store: Store, portal: Portal, model = 'linear'): Promise<Seeded> {
  await store.upsertPortal(portal.portalId, {
    name: 'Sandbox',
    timeZone: portal.timeZone,
    currency: portal.currency,
    tier: portal.tier,
    appType: 'private',
  });
  for (const type of ['deals', 'contacts', 'companies'] as const) {
    await store.upsertRecords(portal.portalId, type, records(portal, type));
  }
  for (const [from, to] of [
    ['deals', 'contacts'],
    ['deals', 'companies'],
    ['companies', 'contacts'],
    ['contacts', 'companies'],
  ] as const) {
    const p = pairs(portal, from, to);
    await store.replaceAssociations(portal.portalId, from, p.ids, to, p.pairs);
  }

  const touches = new Map<string, TouchpointInput>();
  const journeys = new Map<string, TouchpointInput[]>();
  for (const deal of live(portal, 'deals')) {
    const contacts = associationsOf(portal, 'deals', deal.id, 'contacts').map((a) => a.toId);
    const journey: TouchpointInput[] = [];
    for (const [j, contactId] of contacts.entries()) {
      const marketing = touches.get(`m-${contactId}`) ?? {
        id: `m-${contactId}`,
        originId: contactId,
        occurredAt: deal.createdAt - (j + 1) * DAY,
        contactIds: [contactId],
        kind: 'visit',
        channel: MARKETING[Number(contactId) % MARKETING.length]!,
        team: 'marketing',
      };
      const call: TouchpointInput = {
        id: `s-${deal.id}-${contactId}`,
        originId: deal.id,
        occurredAt: deal.createdAt + (j + 1) * DAY,
        contactIds: [contactId],
        kind: 'call',
        channel: 'sales_call',
        team: 'sales',
      };
      touches.set(marketing.id, marketing);
      touches.set(call.id, call);
      journey.push(marketing, call);
    }
    if (contacts.length >= 2) {
      const shared: TouchpointInput = {
        id: `w-${deal.id}`,
        originId: deal.id,
        occurredAt: deal.createdAt,
        contactIds: contacts.slice(0, 2),
        kind: 'event',
        channel: 'events',
        team: 'marketing',
      };
      touches.set(shared.id, shared);
      journey.push(shared);
    }
    journey.sort((a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : 1));
    journeys.set(deal.id, journey);
  }
  const byOrigin = new Map<string, TouchpointInput[]>();
  for (const t of touches.values()) {
    const list = byOrigin.get(t.originId);
    if (list === undefined) byOrigin.set(t.originId, [t]);
    else list.push(t);
  }
  await store.replaceTouchpointsFor(
    portal.portalId,
    'synthetic',
    [...byOrigin.keys()],
    [...touches.values()],
  );

  const results = live(portal, 'deals').map((deal) =>
    linearResult(deal.id, deal.properties, journeys.get(deal.id) ?? [], model),
  );
  await store.saveAttributions(portal.portalId, results);
  await store.saveDealJourneys(
    portal.portalId,
    live(portal, 'deals').map((deal) =>
      journeyRecord(portal, deal.id, journeys.get(deal.id) ?? []),
    ),
  );
  return { journeys, results };
}

/**
 * The read model's journey of a seeded deal, as a recompute would store it: the deal mapped by
 * the app's own parser, the synthetic touches, each touch's contacts and their companies.
 */
export function journeyRecord(
  portal: Portal,
  dealId: string,
  touches: readonly TouchpointInput[],
): DealJourneyInput {
  const record = portal.objects.deals.get(dealId)!;
  const contactIds = associationsOf(portal, 'deals', dealId, 'contacts').map((a) => a.toId);
  const companyIds = associationsOf(portal, 'deals', dealId, 'companies').map((a) => a.toId);
  const stored: StoredRecord = {
    id: dealId,
    properties: { ...record.properties },
    history: {},
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: false,
    archivedAt: null,
    contentHash: 'seed',
    syncedAt: 0,
  };
  const loaded = parseDeal(stored, { contactIds, companyIds }, new Map(), portal.currency, [])!;
  const companiesOf = (id: string): string[] =>
    associationsOf(portal, 'contacts', id, 'companies').map((a) => a.toId);
  const links: Record<string, TouchLinks> = {};
  for (const t of touches) {
    links[t.id] = {
      contactIds: [...t.contactIds],
      companyIds: [...new Set(t.contactIds.flatMap(companiesOf))],
    };
  }
  const journey: Journey = {
    deal: loaded.deal,
    touches: touches.map((t) => {
      const touch: Record<string, unknown> = { ...t };
      delete touch['originId'];
      return touch as unknown as Journey['touches'][number];
    }),
    end: loaded.deal.closedAt ?? COMPUTED_AT,
    start: loaded.deal.createdAt - 365 * DAY,
    milestones: {},
    pendingClose: false,
    contacts: contactIds.map((id) => ({ id, createdAt: 0, companyIds: companiesOf(id) })),
    reactivations: [],
    deduplicated: [],
  };
  const doc = storedJourney(loaded, journey, links);
  return {
    dealId,
    settingsVersion: 1,
    computedAt: COMPUTED_AT,
    journey: doc as never,
    hash: journeyHash(doc),
    path: journeyPath(journey),
    members: journeyMembers(doc),
  };
}

/** Linear credits in cents with the journey's FIRST, LAST, OC and (won) CW roles. */
export function linearResult(
  dealId: string,
  properties: Readonly<Record<string, string | null>>,
  journey: readonly TouchpointInput[],
  model: string,
  computedAt = COMPUTED_AT,
): AttributionRecord {
  const currency = properties['deal_currency_code'] ?? 'USD';
  const parsed = toMinorUnits(properties['amount'] ?? '0', currency);
  const amount = { cents: parsed.ok ? parsed.value : 0, currency };
  const created = Date.parse(properties['createdate'] ?? '');
  const won = properties['hs_is_closed_won'] === 'true';
  const n = journey.length;
  const result =
    n === 0
      ? {
          status: 'unattributed' as const,
          dealId,
          model,
          amount,
          reason: 'empty_journey' as const,
          credits: [] as const,
          unattributedCents: amount.cents,
        }
      : {
          status: 'attributed' as const,
          dealId,
          model,
          amount,
          unattributedCents: 0 as const,
          credits: ((): Credit[] => {
            const cents = allocate(
              amount.cents,
              journey.map(() => 1),
            );
            const oc = journey.findLastIndex((t) => t.occurredAt <= created);
            return journey.map((t, i) => {
              const roles: Role[] = [];
              if (i === 0) roles.push('FIRST');
              if (i === n - 1) roles.push('LAST');
              if (i === oc) roles.push('OC');
              if (won && i === n - 1) roles.push('CW');
              return {
                touchId: t.id,
                index: i,
                fraction: 1 / n,
                cents: cents[i]!,
                roles,
                reason: 'linear',
              };
            });
          })(),
        };
  return {
    dealId,
    model,
    modelVersion: 1,
    settingsVersion: 1,
    computedAt,
    result,
    hash: `${dealId}-${computedAt}`,
  };
}
