// The property values write-back sends, computed from stored attribution results. Pure.
//
// Formats (what HubSpot stores and what the write-back hash covers):
// - money: decimal strings in major units from integer minor units, exact ("1234.56"; "0" → "0.00";
//   JPY "1235"), via formatMinorUnits — never through a float;
// - percentages: "62.50" (0–100, two decimals); marketing + sales shares of a deal always add up to
//   exactly "100.00" (largest remainder over basis points of the credit fractions);
// - counts: integer strings; days to close: one decimal ("92.5"), as dealStats computes it;
// - datetimes: ISO 8601 with ms; a value that does not apply is "" (HubSpot clears the property),
//   so a stale value never survives a recompute.
//
// Deal revenue per channel is in the deal's own currency, like HubSpot's `amount`: every channel of
// the provisioned list gets a value (0.00 without credit), so old values are overwritten.
//
// Contact and company influence (InfluenceTally), defined precisely:
// - only won deals count (open and lost deals are pipeline, not revenue);
// - a deal's credits are converted to the portal (home) currency: same currency → as is; otherwise
//   the deal's `amount_in_home_currency` is split over its touches in proportion to their cents
//   (largest remainder), so the home-currency credits of a deal add up to its home amount; a
//   foreign-currency deal without a home amount adds no revenue (the run counts it);
// - a touch's home cents go to its contacts in equal parts, largest remainder, ties to the smaller
//   contact id (code-unit order), so a touch's cents are never lost or doubled; the same for its
//   companies (the touch's own company ids, else its contacts' companies);
// - `attribution_touchpoints` of a contact/company = distinct journey touches (of deals in any
//   stage) it took part in.

import type { DealStage, Role, Team } from '../domain/index.js';
import { allocate, creditByChannel, formatMinorUnits } from '../attribution/index.js';
import { cmp, err, ok, type Result } from '../kernel/index.js';
import type { DealAttribution } from '../attribution/index.js';
import { MILESTONE_CHANNEL_PROPERTIES, revenueProperty } from './schema.js';

export type PropertyValues = Readonly<Record<string, string>>;

const DAY_MS = 86_400_000;

/** What values need of a touch. */
export interface ValueTouch {
  readonly id: string;
  readonly channel: string;
  readonly team: Team;
  readonly contactIds: readonly string[];
}

/** Deal facts from the synced deal record. */
export interface DealFacts {
  readonly createdAt: number;
  readonly closedAt?: number;
  readonly stage: DealStage;
}

export interface DealValuesInput {
  readonly attribution: DealAttribution;
  readonly computedAt: number;
  /** At least every credited touch, by id. */
  readonly touches: ReadonlyMap<string, ValueTouch>;
  readonly facts: DealFacts;
  /** The deal's buying group: stakeholders are the group's contacts on a journey touch. */
  readonly buyingGroup: ReadonlySet<string>;
  /** Channels with a revenue property (the provisioned list). */
  readonly channels: readonly string[];
}

export type DealValuesError = 'touch_missing' | 'channel_not_provisioned';

export function dealValues(input: DealValuesInput): Result<PropertyValues, DealValuesError> {
  const { attribution: a, touches, facts, channels } = input;
  const currency = a.amount.currency;
  const milestoneChannel = new Map<Role, string>();
  const stakeholders = new Set<string>();
  let marketing = 0;
  let sales = 0;
  for (const c of a.credits) {
    const t = touches.get(c.touchId);
    if (t === undefined) {
      return err('touch_missing', `touch ${c.touchId} of deal ${a.dealId} is no longer stored`);
    }
    for (const r of c.roles) milestoneChannel.set(r, t.channel);
    for (const id of t.contactIds) if (input.buyingGroup.has(id)) stakeholders.add(id);
    if (t.team === 'marketing') marketing += c.fraction;
    else sales += c.fraction;
  }
  const credited = creditByChannel(a, (c) => touches.get(c.touchId)!.channel);
  const byChannel = new Map([...credited].map(([k, v]) => [k, v.cents]));
  const byChannelFraction = new Map([...credited].map(([k, v]) => [k, v.fraction]));
  const provisioned = new Set(channels);
  const missing = [...byChannel.keys()].filter((c) => !provisioned.has(c));
  if (missing.length > 0) {
    return err(
      'channel_not_provisioned',
      `deal ${a.dealId}: channel(s) ${missing.join(', ')} have no revenue property`,
    );
  }
  const values: Record<string, string> = {
    attribution_model: a.model,
    attribution_computed_at: new Date(input.computedAt).toISOString(),
    attribution_touchpoints: String(a.credits.length),
    attribution_stakeholders: String(stakeholders.size),
    attribution_days_to_close:
      facts.stage === 'open' || facts.closedAt === undefined
        ? ''
        : (Math.round(((facts.closedAt - facts.createdAt) / DAY_MS) * 10) / 10).toFixed(1),
    attribution_top_channel: topChannel(byChannel, byChannelFraction),
    attribution_unattributed_revenue: formatMinorUnits(a.unattributedCents, currency),
    ...shares(a.status === 'attributed', marketing, sales),
  };
  for (const [role, name] of Object.entries(MILESTONE_CHANNEL_PROPERTIES)) {
    values[name] = milestoneChannel.get(role as Role) ?? '';
  }
  for (const c of channels)
    values[revenueProperty(c)] = formatMinorUnits(byChannel.get(c) ?? 0, currency);
  return ok(values);
}

/** Most cents; then the larger fraction (zero-amount deals); then the smaller channel id. */
function topChannel(
  cents: ReadonlyMap<string, number>,
  fractions: ReadonlyMap<string, number>,
): string {
  let best = '';
  for (const c of cents.keys()) {
    if (best === '') {
      best = c;
      continue;
    }
    const d = cents.get(c)! - cents.get(best)! || fractions.get(c)! - fractions.get(best)!;
    if (d > 0 || (d === 0 && cmp(c, best) < 0)) best = c;
  }
  return best;
}

function shares(
  attributed: boolean,
  marketing: number,
  sales: number,
): { attribution_marketing_share: string; attribution_sales_share: string } {
  if (!attributed || !(marketing + sales > 0)) {
    return { attribution_marketing_share: '', attribution_sales_share: '' };
  }
  const [m = 0, s = 0] = allocate(10_000, [marketing, sales]);
  return { attribution_marketing_share: percent(m), attribution_sales_share: percent(s) };
}

const percent = (basisPoints: number): string =>
  `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}`;

// ---- Contacts and companies -----------------------------------------------------------------

/** A touch as influence needs it: contact and company ids already resolved through merges. */
export interface InfluenceTouch {
  readonly id: string;
  readonly contactIds: readonly string[];
  readonly companyIds: readonly string[];
}

export interface InfluenceDeal {
  readonly attribution: DealAttribution;
  readonly touches: ReadonlyMap<string, InfluenceTouch>;
  readonly won: boolean;
  /**
   * The deal amount in the portal currency, minor units: the deal's own cents when it is in the
   * portal currency, else from `amount_in_home_currency`; undefined when unknown (no revenue).
   */
  readonly homeCents: number | undefined;
}

export type InfluenceKind = 'contacts' | 'companies';

/** Sums influence over all deals of a run; then gives each contact's / company's values. */
export class InfluenceTally {
  private readonly cents = {
    contacts: new Map<string, number>(),
    companies: new Map<string, number>(),
  };
  private readonly touches = {
    contacts: new Map<string, Set<string>>(),
    companies: new Map<string, Set<string>>(),
  };

  constructor(private readonly homeCurrency: string) {}

  /** Adds one deal; `touch_missing` when a credited touch is not in `touches` (nothing added). */
  addDeal(deal: InfluenceDeal): Result<undefined, 'touch_missing'> {
    const credits = deal.attribution.credits;
    const touches: InfluenceTouch[] = [];
    for (const c of credits) {
      const t = deal.touches.get(c.touchId);
      if (t === undefined) {
        return err(
          'touch_missing',
          `touch ${c.touchId} of deal ${deal.attribution.dealId} is no longer stored`,
        );
      }
      touches.push(t);
    }
    const home = deal.won ? homeCredits(deal) : undefined;
    for (const [i, t] of touches.entries()) {
      for (const kind of ['contacts', 'companies'] as const) {
        const ids = sortedUnique(kind === 'contacts' ? t.contactIds : t.companyIds);
        for (const id of ids) {
          let set = this.touches[kind].get(id);
          if (set === undefined) this.touches[kind].set(id, (set = new Set()));
          set.add(t.id);
        }
        const amount = home?.[i] ?? 0;
        if (ids.length === 0 || amount === 0) continue;
        const parts = allocate(
          amount,
          ids.map(() => 1),
        );
        for (const [k, id] of ids.entries()) {
          this.cents[kind].set(id, (this.cents[kind].get(id) ?? 0) + parts[k]!);
        }
      }
    }
    return ok(undefined);
  }

  /** Ids with any touch or revenue. */
  ids(kind: InfluenceKind): IterableIterator<string> {
    return this.touches[kind].keys();
  }

  /** The two properties of one contact/company; zeros for one the run never met. */
  values(kind: InfluenceKind, id: string): PropertyValues {
    return {
      attribution_influenced_revenue: formatMinorUnits(
        this.cents[kind].get(id) ?? 0,
        this.homeCurrency,
      ),
      attribution_touchpoints: String(this.touches[kind].get(id)?.size ?? 0),
    };
  }

  /** True when a never-written record's values would say nothing (no write needed). */
  static isEmpty(values: PropertyValues): boolean {
    return Object.values(values).every((v) => v === '' || /^0(\.0+)?$/.test(v));
  }
}

/** Per credit, its share of the deal's home-currency amount (Σ = homeCents exactly). */
function homeCredits(deal: InfluenceDeal): number[] | undefined {
  const { attribution: a, homeCents } = deal;
  if (homeCents === undefined) return undefined;
  const cents = a.credits.map((c) => c.cents);
  if (homeCents === a.amount.cents) return cents;
  const weights = cents.map((c) => Math.abs(c));
  if (!weights.some((w) => w > 0)) return undefined;
  return allocate(homeCents, weights);
}

function sortedUnique(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort(cmp);
}
