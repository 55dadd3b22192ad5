// What one page of attribution results needs from the store: the deal records, each deal's buying
// group, and the touches the results name, with contact and company ids resolved for influence.
// Touches are read for the deals' contacts and every contact of their companies, whichever scope
// the results were computed with, so a result never misses a touch that is stored.

import type { AttributionRecord, StoredRecord, StoredTouchpoint, Store } from '../store/index.js';
import type { InfluenceTouch, ValueTouch } from './values.js';

export interface DealContext {
  readonly deals: ReadonlyMap<string, StoredRecord>;
  readonly touches: ReadonlyMap<string, ValueTouch>;
  readonly influenceTouches: ReadonlyMap<string, InfluenceTouch>;
  readonly buyingGroups: ReadonlyMap<string, ReadonlySet<string>>;
  /** Channels of the page's touches. */
  readonly channels: ReadonlySet<string>;
}

export async function loadDealContext(
  store: Store,
  portalId: number,
  page: readonly AttributionRecord[],
  accountScope: boolean,
): Promise<DealContext> {
  const dealIds = page.map((r) => r.dealId);
  const deals = new Map((await store.getRecords(portalId, 'deals', dealIds)).map((d) => [d.id, d]));
  const dealContacts = await store.associationsOf(portalId, 'deals', dealIds, 'contacts');
  const dealCompanies = await store.associationsOf(portalId, 'deals', dealIds, 'companies');
  const companyIds = [...new Set(dealCompanies.map((p) => p.toId))];
  const companyContacts =
    companyIds.length === 0
      ? []
      : await store.associationsOf(portalId, 'companies', companyIds, 'contacts');
  const contactsOfCompany = groupPairs(companyContacts);
  const buyingGroups = new Map<string, Set<string>>();
  for (const p of dealContacts) addTo(buyingGroups, p.fromId, p.toId);
  if (accountScope) {
    for (const p of dealCompanies)
      for (const c of contactsOfCompany.get(p.toId) ?? []) addTo(buyingGroups, p.fromId, c);
  }
  const contactIds = [
    ...new Set([...dealContacts.map((p) => p.toId), ...companyContacts.map((p) => p.toId)]),
  ];
  const stored =
    contactIds.length === 0 ? [] : await store.touchpointsForContacts(portalId, contactIds);
  const touches = new Map<string, StoredTouchpoint>();
  for (const t of stored) touches.set(t.id, t);
  return {
    deals,
    touches,
    influenceTouches: await resolveInfluence(store, portalId, [...touches.values()]),
    buyingGroups,
    channels: new Set([...touches.values()].map((t) => t.channel)),
  };
}

/** Touches with contact ids resolved through merges and companies filled from the contacts'. */
async function resolveInfluence(
  store: Store,
  portalId: number,
  touches: readonly StoredTouchpoint[],
): Promise<Map<string, InfluenceTouch>> {
  const rawContacts = [...new Set(touches.flatMap((t) => t.contactIds))];
  const rawCompanies = [...new Set(touches.flatMap((t) => t.companyIds ?? []))];
  const contactId =
    rawContacts.length === 0
      ? new Map<string, string>()
      : await store.resolveIds(portalId, 'contacts', rawContacts);
  const companyId =
    rawCompanies.length === 0
      ? new Map<string, string>()
      : await store.resolveIds(portalId, 'companies', rawCompanies);
  const resolvedContacts = [...new Set(contactId.values())];
  const companiesOfContact = groupPairs(
    resolvedContacts.length === 0
      ? []
      : await store.associationsOf(portalId, 'contacts', resolvedContacts, 'companies'),
  );
  const out = new Map<string, InfluenceTouch>();
  for (const t of touches) {
    const contacts = [...new Set(t.contactIds.map((id) => contactId.get(id) ?? id))];
    const own = (t.companyIds ?? []).map((id) => companyId.get(id) ?? id);
    const companies =
      own.length > 0 ? own : contacts.flatMap((c) => companiesOfContact.get(c) ?? []);
    out.set(t.id, { id: t.id, contactIds: contacts, companyIds: [...new Set(companies)] });
  }
  return out;
}

function groupPairs(pairs: readonly { fromId: string; toId: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of pairs) {
    const list = out.get(p.fromId);
    if (list === undefined) out.set(p.fromId, [p.toId]);
    else list.push(p.toId);
  }
  return out;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (set === undefined) map.set(key, (set = new Set()));
  set.add(value);
}
