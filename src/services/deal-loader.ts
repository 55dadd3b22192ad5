// One batch of deals with their buying groups, read from the store: the deals' contacts (merges
// resolved), with account scope every contact of their companies, those contacts' records and
// touches. A recompute walks a portal's deals in key-ordered batches of this, so what it holds at
// once is bounded by the batch, never the portal (ADR 0008).

import { cmp } from '../kernel/index.js';
import type { Contact, JourneyInput, Touchpoint } from '../attribution/index.js';
import type { CompiledRules } from '../channels/index.js';
import type { AssociationPair, Store, StoredRecord } from '../store/index.js';
import {
  parseContact,
  parseDeal,
  parsePipelines,
  type DataProblem,
  type LoadedDeal,
  type Pipelines,
} from './deal-records.js';

/** What every batch of a portal shares: its pipelines and currency, read once per recompute. */
export interface PortalBasics {
  readonly pipelines: Pipelines;
  /** Portal currency for deals without deal_currency_code. */
  readonly currency: string;
  readonly problems: readonly DataProblem[];
}

export interface DealBatch {
  /** In the order the records were given (the store's key order). */
  readonly deals: readonly LoadedDeal[];
  readonly contacts: ReadonlyMap<string, Contact>;
  /** Company id → ids of its contacts (for account scope). */
  readonly companyContacts: ReadonlyMap<string, readonly string[]>;
  /** Contact id → its touches. */
  readonly touchesByContact: ReadonlyMap<string, readonly Touchpoint[]>;
  readonly problems: readonly DataProblem[];
}

export interface BatchOptions {
  readonly basics: PortalBasics;
  readonly accountScope: boolean;
  /** The portal's admin channel rules: a matching rule overrides the stored channel. */
  readonly classifier?: CompiledRules | undefined;
}

export async function portalBasics(store: Store, portalId: number): Promise<PortalBasics> {
  const problems: DataProblem[] = [];
  const pipelineRecords: StoredRecord[] = [];
  for await (const page of store.iterateRecords(portalId, 'pipelines', { pageSize: 5000 })) {
    pipelineRecords.push(...page);
  }
  const portal = await store.getPortal(portalId);
  return {
    pipelines: parsePipelines(pipelineRecords, problems),
    currency: portal?.currency ?? 'USD',
    problems,
  };
}

function groupPairs(pairs: readonly AssociationPair[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of pairs) {
    const list = out.get(p.fromId);
    if (list === undefined) out.set(p.fromId, [p.toId]);
    else list.push(p.toId);
  }
  return out;
}

/** Deal → contact ids with merged contacts replaced by the contact they merged into. */
async function resolvedDealContacts(
  store: Store,
  portalId: number,
  dealIds: readonly string[],
): Promise<Map<string, string[]>> {
  const pairs = await store.associationsOf(portalId, 'deals', dealIds, 'contacts');
  const resolved = await store.resolveIds(portalId, 'contacts', [
    ...new Set(pairs.map((p) => p.toId)),
  ]);
  const out = new Map<string, string[]>();
  for (const [dealId, ids] of groupPairs(pairs)) {
    out.set(dealId, [...new Set(ids.map((id) => resolved.get(id) ?? id))].sort(cmp));
  }
  return out;
}

/**
 * Touches as the engine needs them. Stored touches keep their channel unless an admin rule
 * matches: rules edited in settings then apply at the next recompute, without a re-sync, while
 * the built-in classification the sync did stays as it was.
 */
function indexTouches(
  touches: readonly Touchpoint[],
  classifier: CompiledRules | undefined,
): Map<string, Touchpoint[]> {
  const byContact = new Map<string, Touchpoint[]>();
  for (const stored of touches) {
    let t: Touchpoint = stored;
    if (classifier !== undefined) {
      const c = classifier.classify(t);
      if (c.by.from === 'admin' && c.channel !== t.channel) t = { ...t, channel: c.channel };
    }
    for (const id of t.contactIds) {
      const list = byContact.get(id);
      if (list === undefined) byContact.set(id, [t]);
      else list.push(t);
    }
  }
  return byContact;
}

/** These deals (archived ones are left out) and their buying groups. */
export async function loadDeals(
  store: Store,
  portalId: number,
  dealRecords: readonly StoredRecord[],
  o: BatchOptions,
): Promise<DealBatch> {
  const live = dealRecords.filter((r) => !r.archived);
  const problems: DataProblem[] = [];
  const dealIds = live.map((r) => r.id);
  if (dealIds.length === 0) {
    return {
      deals: [],
      contacts: new Map(),
      companyContacts: new Map(),
      touchesByContact: new Map(),
      problems,
    };
  }
  const [dealContacts, dealCompanyPairs] = await Promise.all([
    resolvedDealContacts(store, portalId, dealIds),
    store.associationsOf(portalId, 'deals', dealIds, 'companies'),
  ]);
  const dealCompanies = groupPairs(dealCompanyPairs);
  const ids = new Set<string>();
  for (const list of dealContacts.values()) for (const id of list) ids.add(id);
  const companyContacts = new Map<string, string[]>();
  if (o.accountScope && dealCompanyPairs.length > 0) {
    const companyIds = [...new Set(dealCompanyPairs.map((p) => p.toId))];
    const pairs = await store.associationsOf(portalId, 'companies', companyIds, 'contacts');
    for (const [companyId, contactIds] of groupPairs(pairs)) {
      companyContacts.set(companyId, contactIds);
      for (const id of contactIds) ids.add(id);
    }
  }
  const contactIds = [...ids];
  const [contactRecords, contactCompanyPairs, touches] = await Promise.all([
    store.getRecords(portalId, 'contacts', contactIds, { history: false }),
    store.associationsOf(portalId, 'contacts', contactIds, 'companies'),
    store.touchpointsForContacts(portalId, contactIds),
  ]);
  const contactCompanies = groupPairs(contactCompanyPairs);
  const contacts = new Map<string, Contact>();
  for (const r of contactRecords) {
    if (r.archived) continue;
    const c = parseContact(r, contactCompanies.get(r.id) ?? [], problems);
    if (c !== undefined) contacts.set(c.id, c);
  }
  const deals: LoadedDeal[] = [];
  for (const r of live) {
    const links = {
      contactIds: dealContacts.get(r.id) ?? [],
      companyIds: [...(dealCompanies.get(r.id) ?? [])].sort(cmp),
    };
    const d = parseDeal(r, links, o.basics.pipelines, o.basics.currency, problems);
    if (d !== undefined) deals.push(d);
  }
  return {
    deals,
    contacts,
    companyContacts,
    touchesByContact: indexTouches(touches, o.classifier),
    problems,
  };
}

/** The engine's input for one deal: its buying-group candidates and their touches. */
export function journeyInput(
  batch: DealBatch,
  loaded: LoadedDeal,
  accountScope: boolean,
): JourneyInput {
  const { deal } = loaded;
  const ids = new Set(deal.contactIds);
  if (accountScope) {
    for (const company of deal.companyIds) {
      for (const id of batch.companyContacts.get(company) ?? []) ids.add(id);
    }
  }
  const contacts: Contact[] = [];
  // A touch of two contacts is one object in both lists (indexTouches): keep it once.
  const touches = new Set<Touchpoint>();
  for (const id of ids) {
    const c = batch.contacts.get(id);
    if (c !== undefined) contacts.push(c);
    for (const t of batch.touchesByContact.get(id) ?? []) touches.add(t);
  }
  return { deal, contacts, touches: [...touches] };
}
