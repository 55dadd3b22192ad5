// A recompute's first half for one batch of deals: load their buying groups, assemble each
// journey under the plan, and store the journeys that changed (with their path summary and the
// contacts and companies they reach). What a reader of the read model needs of a deal is here.

import type { Journey } from '../../attribution/index.js';
import {
  journeyHash,
  journeyMembers,
  journeyPath,
  storedJourney,
  type StoredJourney,
  type TouchLinks,
} from '../../read-model/index.js';
import type { DealJourneyInput, Store, StoredRecord } from '../../store/index.js';
import { loadDeals, type DealBatch, type PortalBasics } from '../deal-loader.js';
import { parseContact, type DataProblem } from '../deal-records.js';
import type { EnginePlan } from '../engine-plan.js';
import { dealJourney } from '../journeys.js';

/** A deal's journey document as this recompute has it (stored now, or unchanged since). */
export interface Assembled {
  readonly dealId: string;
  readonly doc: StoredJourney;
  /** When the stored journey was computed (kept while it does not change). */
  readonly computedAt: number;
  /** The stored journey's hash (journeyHash of `doc`). */
  readonly hash: string;
}

export interface AssembleContext {
  readonly store: Store;
  readonly plan: EnginePlan;
  readonly portalId: number;
  readonly at: number;
  readonly basics: PortalBasics;
}

export interface AssembledBatch {
  /** In key order; deals that could not be loaded (archived, no create date) are absent. */
  readonly assembled: readonly Assembled[];
  readonly saved: number;
  readonly problems: readonly DataProblem[];
  /** Contacts and companies of the changed journeys, before and after (influence to redo). */
  readonly reached: {
    readonly contacts: ReadonlySet<string>;
    readonly companies: ReadonlySet<string>;
  };
}

export async function assembleBatch(
  ctx: AssembleContext,
  records: readonly StoredRecord[],
): Promise<AssembledBatch> {
  const { store, plan, portalId, at } = ctx;
  const batch = await loadDeals(store, portalId, records, {
    basics: ctx.basics,
    accountScope: plan.journeyOptions.accountScope,
    classifier: plan.classifier,
  });
  const journeys = batch.deals.map((loaded) => ({
    loaded,
    journey: dealJourney(batch, loaded, plan, at),
  }));
  const links = await touchLinks(store, portalId, batch, journeys);
  const stamps = await store.journeyStamps(
    portalId,
    journeys.map((j) => j.journey.deal.id),
  );
  const assembled: Assembled[] = [];
  const changed: DealJourneyInput[] = [];
  for (const { loaded, journey } of journeys) {
    const own: Record<string, TouchLinks> = {};
    for (const t of journey.touches) own[t.id] = links.get(t.id)!;
    const doc = storedJourney(loaded, journey, own);
    const hash = journeyHash(doc);
    const stamp = stamps.get(journey.deal.id);
    const same = stamp?.hash === hash;
    assembled.push({
      dealId: journey.deal.id,
      doc,
      computedAt: same ? stamp.computedAt : at,
      hash,
    });
    if (same) continue;
    changed.push({
      dealId: journey.deal.id,
      settingsVersion: plan.settingsVersion,
      computedAt: at,
      journey: doc as never,
      hash,
      path: journeyPath(journey),
      members: journeyMembers(doc),
    });
  }
  const contacts = new Set<string>();
  const companies = new Set<string>();
  if (changed.length > 0) {
    const before = await store.journeyMembers(
      portalId,
      changed.map((c) => c.dealId),
    );
    for (const m of [...before.values(), ...changed.map((c) => c.members)]) {
      for (const id of m.contacts) contacts.add(id);
      for (const id of m.companies) companies.add(id);
    }
    await store.saveDealJourneys(portalId, changed);
  }
  return {
    assembled,
    saved: changed.length,
    problems: batch.problems,
    reached: { contacts, companies },
  };
}

/**
 * Every journey touch's contacts, with merged contacts replaced by the contact they merged into,
 * and its companies: its own, else its contacts' (for contact and company influence).
 */
async function touchLinks(
  store: Store,
  portalId: number,
  batch: DealBatch,
  deals: readonly { readonly journey: Journey }[],
): Promise<Map<string, TouchLinks>> {
  const touches = new Map<string, Journey['touches'][number]>();
  for (const { journey } of deals) for (const t of journey.touches) touches.set(t.id, t);
  const rawContacts = new Set<string>();
  const rawCompanies = new Set<string>();
  for (const t of touches.values()) {
    for (const id of t.contactIds) rawContacts.add(id);
    for (const id of t.companyIds ?? []) rawCompanies.add(id);
  }
  const contactId =
    rawContacts.size === 0
      ? new Map<string, string>()
      : await store.resolveIds(portalId, 'contacts', [...rawContacts]);
  const companyId =
    rawCompanies.size === 0
      ? new Map<string, string>()
      : await store.resolveIds(portalId, 'companies', [...rawCompanies]);
  const outside = await outsideContacts(store, portalId, batch, [...new Set(contactId.values())]);
  const companiesOf = (c: string): readonly string[] =>
    batch.contacts.get(c)?.companyIds ?? outside.get(c) ?? [];
  const out = new Map<string, TouchLinks>();
  for (const t of touches.values()) {
    const contacts = [...new Set(t.contactIds.map((id) => contactId.get(id) ?? id))];
    const own = (t.companyIds ?? []).map((id) => companyId.get(id) ?? id);
    const companies = own.length > 0 ? own : contacts.flatMap(companiesOf);
    out.set(t.id, { contactIds: contacts, companyIds: [...new Set(companies)] });
  }
  return out;
}

/**
 * Companies of touch contacts outside the batch's buying groups (a touch that reached several
 * people, some at another account), so their companies' influence is counted as before.
 */
async function outsideContacts(
  store: Store,
  portalId: number,
  batch: DealBatch,
  ids: readonly string[],
): Promise<Map<string, readonly string[]>> {
  const missing = ids.filter((id) => !batch.contacts.has(id));
  const out = new Map<string, readonly string[]>();
  if (missing.length === 0) return out;
  const [records, pairs] = await Promise.all([
    store.getRecords(portalId, 'contacts', missing, { history: false }),
    store.associationsOf(portalId, 'contacts', missing, 'companies'),
  ]);
  const companies = new Map<string, string[]>();
  for (const p of pairs) {
    const list = companies.get(p.fromId);
    if (list === undefined) companies.set(p.fromId, [p.toId]);
    else list.push(p.toId);
  }
  const ignored: DataProblem[] = [];
  for (const r of records) {
    if (r.archived) continue;
    const c = parseContact(r, companies.get(r.id) ?? [], ignored);
    if (c !== undefined) out.set(c.id, c.companyIds ?? []);
  }
  return out;
}
