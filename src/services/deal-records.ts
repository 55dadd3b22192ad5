// Synced HubSpot records as engine objects: the sync stores RAW HubSpot records (strings, mixed
// date formats, decimal amounts); this module parses them explicitly (HUBSPOT.md §7) into Deal
// and Contact, and decides a deal's won / lost / open once. A record that cannot be used is
// reported as a DataProblem and skipped, never crashed on; a deal without an amount is kept (its
// credits are shares of 0). deal-loader.ts reads the records these parse.

import { z } from 'zod';
import { parseHubSpotTime } from '../hubspot/index.js';
import { cmp } from '../kernel/index.js';
import type { DealStage } from '../domain/index.js';
import { toMinorUnits, type Contact, type Deal } from '../attribution/index.js';
import type { JsonValue, RecordType, StoredRecord } from '../store/index.js';

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

// ---- parsing -----------------------------------------------------------------------------------

/** HubSpot timestamps come as ms numbers, ms strings or ISO strings; '' and null are absent. */
export const parseTimestamp = (value: JsonValue | undefined): number | undefined =>
  parseHubSpotTime(value);

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
