// Which deals a set of synced changes affects (a targeted recompute's work list): a changed deal
// itself; a changed contact's deals, the deals whose stored journey reaches it and, with account
// scope, its companies' deals; a changed company's deals and the journeys reaching it; an
// engagement's contacts and deals; a marketing record's touches' contacts.

import { compareIds } from '../../kernel/index.js';
import type { ChangedRecord, RecordType, Store } from '../../store/index.js';

const ENGAGEMENTS: ReadonlySet<RecordType> = new Set([
  'calls',
  'emails',
  'meetings',
  'communications',
  'notes',
  'tasks',
]);
/** Records whose touches are stored with the record as origin. */
const TOUCH_ORIGINS: ReadonlySet<RecordType> = new Set([
  'email_events',
  'marketing_event_participations',
  'web_events',
]);

function byType(changes: readonly ChangedRecord[]): Map<RecordType, string[]> {
  const out = new Map<RecordType, string[]>();
  for (const c of changes) {
    const list = out.get(c.objectType);
    if (list === undefined) out.set(c.objectType, [c.id]);
    else list.push(c.id);
  }
  return out;
}

export async function affectedDeals(
  store: Store,
  portalId: number,
  changes: readonly ChangedRecord[],
  accountScope: boolean,
): Promise<string[]> {
  const deals = new Set<string>();
  const contacts = new Set<string>();
  const companies = new Set<string>();
  const add = (set: Set<string>, ids: Iterable<string>): void => {
    for (const id of ids) set.add(id);
  };
  for (const [type, ids] of byType(changes)) {
    if (type === 'deals') add(deals, ids);
    else if (type === 'contacts') add(contacts, ids);
    else if (type === 'companies') add(companies, ids);
    else if (ENGAGEMENTS.has(type)) {
      const [toContacts, toDeals] = await Promise.all([
        store.associationsOf(portalId, type, ids, 'contacts'),
        store.associationsOf(portalId, type, ids, 'deals'),
      ]);
      add(
        contacts,
        toContacts.map((p) => p.toId),
      );
      add(
        deals,
        toDeals.map((p) => p.toId),
      );
      add(contacts, await store.touchContactsOf(portalId, type, ids));
    } else if (TOUCH_ORIGINS.has(type)) {
      add(contacts, await store.touchContactsOf(portalId, type, ids));
    }
  }
  if (contacts.size > 0) {
    const ids = [...contacts];
    const resolved = await store.resolveIds(portalId, 'contacts', ids);
    add(contacts, resolved.values());
    const all = [...contacts];
    const [toDeals, reaching] = await Promise.all([
      store.associationsOf(portalId, 'contacts', all, 'deals'),
      store.dealsReaching(portalId, 'contacts', all),
    ]);
    add(
      deals,
      toDeals.map((p) => p.toId),
    );
    add(deals, reaching);
    if (accountScope) {
      const toCompanies = await store.associationsOf(portalId, 'contacts', all, 'companies');
      add(
        companies,
        toCompanies.map((p) => p.toId),
      );
    }
  }
  if (companies.size > 0) {
    const all = [...companies];
    const [toDeals, reaching] = await Promise.all([
      store.associationsOf(portalId, 'companies', all, 'deals'),
      store.dealsReaching(portalId, 'companies', all),
    ]);
    add(
      deals,
      toDeals.map((p) => p.toId),
    );
    add(deals, reaching);
  }
  return [...deals].sort(compareIds);
}
