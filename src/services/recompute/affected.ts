// Which deals a set of synced changes affects (a targeted recompute's work list): a changed deal
// itself; a changed contact's deals, the deals whose stored journey reaches it and, with account
// scope, its companies' deals; a changed company's deals and the journeys reaching it; an
// engagement's contacts and deals; a marketing record's touches' contacts.

import { compareIds } from '../../kernel/index.js';
import type { ChangedRecord, RecordType, Store } from '../../store/index.js';
import { isEngagement } from '../../sync/index.js';
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
    else if (isEngagement(type)) {
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
    const resolved = await store.resolveIds(portalId, 'contacts', [...contacts]);
    add(contacts, resolved.values());
    const all = [...contacts];
    add(deals, await dealsOf(store, portalId, 'contacts', all));
    if (accountScope) {
      const toCompanies = await store.associationsOf(portalId, 'contacts', all, 'companies');
      add(
        companies,
        toCompanies.map((p) => p.toId),
      );
    }
  }
  if (companies.size > 0) add(deals, await dealsOf(store, portalId, 'companies', [...companies]));
  return [...deals].sort(compareIds);
}

/** The deals associated with these contacts or companies, and those whose journey reaches them. */
async function dealsOf(
  store: Store,
  portalId: number,
  type: 'contacts' | 'companies',
  ids: readonly string[],
): Promise<string[]> {
  const [associated, reaching] = await Promise.all([
    store.associationsOf(portalId, type, ids, 'deals'),
    store.dealsReaching(portalId, type, ids),
  ]);
  return [...associated.map((p) => p.toId), ...reaching];
}
