// A portal's synced data as engine objects: the sync stores RAW HubSpot records (strings, mixed
// date formats, decimal amounts); this module parses them explicitly (HUBSPOT.md §7) into Deal,
// Contact and Touchpoint. A record that cannot be used is reported as a DataProblem and skipped,
// never crashed on; a deal without an amount is kept (its credits are shares of 0).
//
// Two loaders share one shape (PortalData): the whole portal (recompute) and one deal's buying
// group (the card), so a deal's journey is built the same way on both paths.

import { z } from 'zod';
import type { DealStage } from '../domain/index.js';
import { cmp } from '../kernel/index.js';
import {
  toMinorUnits,
  type Contact,
  type Deal,
  type JourneyInput,
  type Touchpoint,
} from '../attribution/index.js';
import type { CompiledRules } from '../channels/index.js';
import type {
  AssociationPair,
  JsonValue,
  RecordType,
  Store,
  StoredRecord,
} from '../store/index.js';

/** Something in the synced data the app could not use, for logs and the status page. */
export interface DataProblem {
  readonly objectType: RecordType;
  readonly id: string;
  readonly field: string;
  readonly message: string;
}

export interface LoadedDeal {
  readonly deal: Deal;
  /** HubSpot had no amount: the deal is attributed as shares of 0. */
  readonly amountMissing: boolean;
  readonly stageLabel: string | null;
  readonly pipelineLabel: string | null;
  /**
   * The amount in the portal's currency (minor units): the amount itself when the deal is in that
   * currency, else HubSpot's amount_in_home_currency; undefined when neither is known.
   */
  readonly homeCents?: number;
}

export interface PortalData {
  readonly portalId: number;
  /** Sorted by id (code-unit order). */
  readonly deals: readonly LoadedDeal[];
  readonly contacts: ReadonlyMap<string, Contact>;
  /** Company id → ids of its contacts (for account scope). */
  readonly companyContacts: ReadonlyMap<string, readonly string[]>;
  /** Contact id → its touches. */
  readonly touchesByContact: ReadonlyMap<string, readonly Touchpoint[]>;
  readonly problems: readonly DataProblem[];
}

// ---- parsing -----------------------------------------------------------------------------------

const MS_STRING = /^-?\d{1,15}$/;

/** HubSpot timestamps come as ms numbers, ms strings or ISO strings; '' and null are absent. */
export function parseTimestamp(value: JsonValue | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s === '') return undefined;
  if (MS_STRING.test(s)) return Number(s);
  // Date.parse accepts many shapes; require a date at least, so "12" or "soon" are not dates.
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}

const str = (value: JsonValue | undefined): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

const bool = (value: JsonValue | undefined): boolean | undefined =>
  value === true || value === 'true'
    ? true
    : value === false || value === 'false'
      ? false
      : undefined;

const stageSchema = z.object({
  id: z.string(),
  label: z.string(),
  metadata: z
    .object({
      isClosed: z.union([z.string(), z.boolean()]).optional(),
      probability: z.union([z.string(), z.number()]).optional(),
    })
    .optional(),
});

interface StageInfo {
  readonly label: string;
  readonly isClosed: boolean | undefined;
  readonly probability: number | undefined;
}
interface PipelineInfo {
  readonly label: string;
  readonly stages: ReadonlyMap<string, StageInfo>;
}
export type Pipelines = ReadonlyMap<string, PipelineInfo>;

/** Deal pipelines stored as records of type 'pipelines' (stages as a JSON array). */
export function parsePipelines(
  records: readonly StoredRecord[],
  problems: DataProblem[],
): Pipelines {
  const out = new Map<string, PipelineInfo>();
  for (const r of records) {
    if (r.properties.objectType !== undefined && r.properties.objectType !== 'deals') continue;
    let raw: JsonValue | undefined = r.properties.stages;
    if (typeof raw === 'string') {
      try {
        raw = JSON.parse(raw) as JsonValue;
      } catch {
        raw = undefined;
      }
    }
    const stages = z.array(stageSchema).safeParse(raw);
    if (!stages.success) {
      problems.push({
        objectType: 'pipelines',
        id: r.id,
        field: 'stages',
        message: 'not a list of stages',
      });
      continue;
    }
    const byId = new Map<string, StageInfo>();
    for (const s of stages.data) {
      const p = s.metadata?.probability;
      const probability = p === undefined || p === '' ? undefined : Number(p);
      byId.set(s.id, {
        label: s.label,
        isClosed: bool(s.metadata?.isClosed),
        probability:
          probability !== undefined && Number.isFinite(probability) ? probability : undefined,
      });
    }
    out.set(r.id, { label: str(r.properties.label) ?? r.id, stages: byId });
  }
  return out;
}

/**
 * Won / lost / open, the one rule every reader uses (a deal's stage is decided here, once per
 * recompute, and stored with its journey): HubSpot's hs_is_closed_won and hs_is_closed when
 * present, else the stage's pipeline metadata (closed with probability 1 = won, closed otherwise
 * = lost), else the default pipeline's stage ids closedwon / closedlost.
 */
function dealStage(props: StoredRecord['properties'], stage: StageInfo | undefined): DealStage {
  const won = bool(props.hs_is_closed_won);
  const closed = bool(props.hs_is_closed);
  if (won === true) return 'won';
  if (closed !== undefined) return closed ? 'lost' : 'open';
  if (stage !== undefined) {
    if (stage.isClosed === true) return stage.probability === 1 ? 'won' : 'lost';
    return 'open';
  }
  const id = str(props.dealstage);
  return id === 'closedwon' ? 'won' : id === 'closedlost' ? 'lost' : 'open';
}

/** The amount in the portal currency: as is in that currency, else amount_in_home_currency. */
function homeAmount(
  props: StoredRecord['properties'],
  amount: { readonly cents: number; readonly currency: string },
  amountMissing: boolean,
  homeCurrency: string,
): number | undefined {
  if (amount.currency === homeCurrency.toUpperCase()) return amountMissing ? 0 : amount.cents;
  const raw = str(props.amount_in_home_currency);
  if (raw === undefined) return undefined;
  const m = toMinorUnits(raw, homeCurrency.toUpperCase());
  return m.ok ? m.value : undefined;
}

export function parseDeal(
  record: StoredRecord,
  links: { readonly contactIds: readonly string[]; readonly companyIds: readonly string[] },
  pipelines: Pipelines,
  fallbackCurrency: string,
  problems: DataProblem[],
): LoadedDeal | undefined {
  const p = record.properties;
  const problem = (field: string, message: string): void => {
    problems.push({ objectType: 'deals', id: record.id, field, message });
  };
  const createdAt = parseTimestamp(p.createdate) ?? record.createdAt ?? undefined;
  if (createdAt === undefined) {
    problem('createdate', 'missing or not a date; the deal is skipped');
    return undefined;
  }
  const pipeline = pipelines.get(str(p.pipeline) ?? '');
  const stageId = str(p.dealstage);
  const stageInfo = stageId === undefined ? undefined : pipeline?.stages.get(stageId);
  const stage = dealStage(p, stageInfo);

  let closedAt: number | undefined;
  if (stage !== 'open') {
    // A closed deal without a close date: when it entered its current stage, else last change.
    const history = record.history.dealstage ?? [];
    closedAt =
      parseTimestamp(p.closedate) ??
      history.findLast((v) => v.value === stageId)?.timestamp ??
      record.updatedAt;
    if (parseTimestamp(p.closedate) === undefined) {
      problem('closedate', 'closed deal without a close date; using when it reached its stage');
    }
  }

  const currency = (str(p.deal_currency_code) ?? fallbackCurrency).toUpperCase();
  const rawAmount = str(p.amount);
  let cents = 0;
  let amountMissing = rawAmount === undefined;
  if (rawAmount !== undefined) {
    const m = toMinorUnits(rawAmount, currency);
    if (m.ok) cents = m.value;
    else {
      problem('amount', m.message);
      amountMissing = true;
    }
  }
  const name = str(p.dealname);
  const homeCents = homeAmount(p, { cents, currency }, amountMissing, fallbackCurrency);
  const deal: Deal = {
    id: record.id,
    amount: { cents, currency },
    createdAt,
    ...(closedAt === undefined ? {} : { closedAt }),
    stage,
    contactIds: links.contactIds,
    companyIds: links.companyIds,
    ...(name === undefined ? {} : { name }),
  };
  return {
    deal,
    amountMissing,
    stageLabel: stageInfo?.label ?? null,
    pipelineLabel: pipeline?.label ?? null,
    ...(homeCents === undefined ? {} : { homeCents }),
  };
}

export function parseContact(
  record: StoredRecord,
  companyIds: readonly string[],
  problems: DataProblem[],
): Contact | undefined {
  const p = record.properties;
  const createdAt = parseTimestamp(p.createdate) ?? record.createdAt ?? undefined;
  if (createdAt === undefined) {
    problems.push({
      objectType: 'contacts',
      id: record.id,
      field: 'createdate',
      message: 'missing or not a date; the contact is skipped',
    });
    return undefined;
  }
  const name =
    [str(p.firstname), str(p.lastname)].filter((x) => x !== undefined).join(' ') || str(p.email);
  // hs_buying_role is multi-select ("DECISION_MAKER;CHAMPION"): the first listed role counts.
  const role = str(p.hs_buying_role)?.split(';')[0]?.trim();
  const primary = str(p.associatedcompanyid);
  const companies = [...new Set(primary === undefined ? companyIds : [...companyIds, primary])];
  return {
    id: record.id,
    createdAt,
    ...(name === undefined ? {} : { name }),
    ...(role === undefined || role === '' ? {} : { role }),
    companyIds: companies.sort(cmp),
  };
}

// ---- loading -----------------------------------------------------------------------------------

export interface LoadOptions {
  /** The portal's admin channel rules: a matching rule overrides the stored channel. */
  readonly classifier?: CompiledRules;
  /** Portal currency for deals without deal_currency_code. */
  readonly currency?: string;
}

async function allRecords(
  store: Store,
  portalId: number,
  type: RecordType,
): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for await (const page of store.iterateRecords(portalId, type, { pageSize: 5000 })) {
    out.push(...page);
  }
  return out;
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

async function portalCurrency(store: Store, portalId: number, given?: string): Promise<string> {
  return given ?? (await store.getPortal(portalId))?.currency ?? 'USD';
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

function build(
  portalId: number,
  dealRecords: readonly StoredRecord[],
  dealContacts: ReadonlyMap<string, readonly string[]>,
  dealCompanies: ReadonlyMap<string, readonly string[]>,
  contactRecords: readonly StoredRecord[],
  contactCompanies: ReadonlyMap<string, readonly string[]>,
  companyContacts: ReadonlyMap<string, readonly string[]>,
  touches: readonly Touchpoint[],
  pipelines: Pipelines,
  currency: string,
  classifier: CompiledRules | undefined,
  problems: DataProblem[],
): PortalData {
  const contacts = new Map<string, Contact>();
  for (const r of contactRecords) {
    const c = parseContact(r, contactCompanies.get(r.id) ?? [], problems);
    if (c !== undefined) contacts.set(c.id, c);
  }
  const deals: LoadedDeal[] = [];
  for (const r of dealRecords) {
    const links = {
      contactIds: dealContacts.get(r.id) ?? [],
      companyIds: [...(dealCompanies.get(r.id) ?? [])].sort(cmp),
    };
    const d = parseDeal(r, links, pipelines, currency, problems);
    if (d !== undefined) deals.push(d);
  }
  deals.sort((a, b) => cmp(a.deal.id, b.deal.id));
  return {
    portalId,
    deals,
    contacts,
    companyContacts,
    touchesByContact: indexTouches(touches, classifier),
    problems,
  };
}

/** Everything of one portal (recompute). Archived records are left out. */
export async function loadPortalData(
  store: Store,
  portalId: number,
  options: LoadOptions = {},
): Promise<PortalData> {
  const problems: DataProblem[] = [];
  const [pipelineRecords, dealRecords, contactRecords, currency] = await Promise.all([
    allRecords(store, portalId, 'pipelines'),
    allRecords(store, portalId, 'deals'),
    allRecords(store, portalId, 'contacts'),
    portalCurrency(store, portalId, options.currency),
  ]);
  const pipelines = parsePipelines(pipelineRecords, problems);
  const dealIds = dealRecords.map((r) => r.id);
  const contactIds = contactRecords.map((r) => r.id);
  const [dealContacts, dealCompanyPairs, contactCompanyPairs, touches] = await Promise.all([
    resolvedDealContacts(store, portalId, dealIds),
    store.associationsOf(portalId, 'deals', dealIds, 'companies'),
    store.associationsOf(portalId, 'contacts', contactIds, 'companies'),
    store.touchpointsForContacts(portalId, contactIds),
  ]);
  const companyContacts = new Map<string, string[]>();
  for (const p of contactCompanyPairs) {
    const list = companyContacts.get(p.toId);
    if (list === undefined) companyContacts.set(p.toId, [p.fromId]);
    else list.push(p.fromId);
  }
  return build(
    portalId,
    dealRecords,
    dealContacts,
    groupPairs(dealCompanyPairs),
    contactRecords,
    groupPairs(contactCompanyPairs),
    companyContacts,
    touches,
    pipelines,
    currency,
    options.classifier,
    problems,
  );
}

/**
 * One deal and its buying group (the card): the deal's contacts and, with account scope, every
 * contact of its companies, with their touches. Undefined when the deal is unknown or archived.
 */
export async function loadDealData(
  store: Store,
  portalId: number,
  dealId: string,
  options: LoadOptions & { readonly accountScope: boolean },
): Promise<PortalData | undefined> {
  const [dealRecord] = await store.getRecords(portalId, 'deals', [dealId]);
  if (dealRecord === undefined || dealRecord.archived) return undefined;
  const problems: DataProblem[] = [];
  const [pipelineRecords, dealContacts, dealCompanyPairs, currency] = await Promise.all([
    allRecords(store, portalId, 'pipelines'),
    resolvedDealContacts(store, portalId, [dealId]),
    store.associationsOf(portalId, 'deals', [dealId], 'companies'),
    portalCurrency(store, portalId, options.currency),
  ]);
  const companyIds = dealCompanyPairs.map((p) => p.toId);
  const ids = new Set(dealContacts.get(dealId) ?? []);
  const companyContacts = new Map<string, string[]>();
  if (options.accountScope && companyIds.length > 0) {
    const pairs = await store.associationsOf(portalId, 'companies', companyIds, 'contacts');
    for (const [companyId, contactIds] of groupPairs(pairs)) {
      companyContacts.set(companyId, contactIds);
      for (const id of contactIds) ids.add(id);
    }
  }
  const contactIds = [...ids];
  const [contactRecords, contactCompanyPairs, touches] = await Promise.all([
    store.getRecords(portalId, 'contacts', contactIds),
    store.associationsOf(portalId, 'contacts', contactIds, 'companies'),
    store.touchpointsForContacts(portalId, contactIds),
  ]);
  return build(
    portalId,
    [dealRecord],
    dealContacts,
    groupPairs(dealCompanyPairs),
    contactRecords.filter((r) => !r.archived),
    groupPairs(contactCompanyPairs),
    companyContacts,
    touches,
    parsePipelines(pipelineRecords, problems),
    currency,
    options.classifier,
    problems,
  );
}

/** The engine's input for one deal: its buying-group candidates and their touches. */
export function journeyInput(
  data: PortalData,
  loaded: LoadedDeal,
  accountScope: boolean,
): JourneyInput {
  const { deal } = loaded;
  const ids = new Set(deal.contactIds);
  if (accountScope) {
    for (const company of deal.companyIds) {
      for (const id of data.companyContacts.get(company) ?? []) ids.add(id);
    }
  }
  const contacts: Contact[] = [];
  // A touch of two contacts is one object in both lists (indexTouches): keep it once.
  const touches = new Set<Touchpoint>();
  for (const id of ids) {
    const c = data.contacts.get(id);
    if (c !== undefined) contacts.push(c);
    for (const t of data.touchesByContact.get(id) ?? []) touches.add(t);
  }
  return { deal, contacts, touches: [...touches] };
}
