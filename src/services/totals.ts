// What a recompute reports: per model, won revenue by currency and channel (never summed across
// currencies), from the same per-channel sum the card and write-back use.

import type { ModelId } from '../domain/index.js';
import { creditByChannel, type DealAttribution, type Journey } from '../attribution/index.js';
import { cmp } from '../kernel/index.js';
import type { DataProblem } from './deal-records.js';

export interface ChannelTotal {
  readonly channel: string;
  readonly cents: number;
}

/** Won deals of one currency: amounts are never summed across currencies. */
export interface CurrencyTotals {
  readonly currency: string;
  readonly deals: number;
  readonly amountCents: number;
  readonly attributedCents: number;
  readonly unattributedCents: number;
  /** Largest first. */
  readonly byChannel: readonly ChannelTotal[];
}

export interface ModelTotals {
  readonly model: ModelId;
  /** Revenue (won deals) by currency. */
  readonly revenue: readonly CurrencyTotals[];
  /** Set when a data-driven model could not learn; its deals then have no stored result. */
  readonly unavailable: string | null;
}

export interface PortalAttributionSummary {
  readonly portalId: number;
  /** The active model; `models[0]` holds its totals. */
  readonly model: ModelId;
  readonly settingsVersion: number;
  readonly computedAt: number;
  /**
   * `portal`: a full recompute, every figure covers the whole portal. `changed`: a targeted one
   * (ADR 0008), the figures cover only the deals the changes since the last recompute affected.
   */
  readonly scope: 'portal' | 'changed';
  /** Why a full recompute ran, or why a targeted one was not enough. */
  readonly reason: string;
  /** scope `changed`: the deals recomputed (write-back writes these and their reach). */
  readonly changedDeals?: readonly string[];
  /** scope `changed`: contacts and companies whose influence may have changed. */
  readonly reached?: {
    readonly contacts: readonly string[];
    readonly companies: readonly string[];
  };
  readonly deals: {
    readonly total: number;
    readonly won: number;
    readonly lost: number;
    readonly open: number;
    /** Under the active model. */
    readonly attributed: number;
    readonly unattributed: number;
    readonly withoutAmount: number;
  };
  /** The active model, then the comparison models. */
  readonly models: readonly ModelTotals[];
  /** Results saved because they changed; unchanged ones are left as they were. */
  readonly records: { readonly saved: number; readonly unchanged: number };
  /** Deal journeys saved because they changed. */
  readonly journeys: { readonly saved: number; readonly unchanged: number };
  /** Card views saved because they changed. */
  readonly views: { readonly saved: number; readonly unchanged: number };
  /** The recompute's wall time (ms). */
  readonly ms: number;
  /**
   * The batches walked (the first walk and, with a data-driven model, the second), and the most
   * deals and journey touches one batch held: what the recompute holds at once, whatever the
   * portal's size.
   */
  readonly batches: {
    readonly size: number;
    readonly count: number;
    /** Threads the batches ran on (worker threads when the work was large enough). */
    readonly threads: number;
    readonly maxDeals: number;
    readonly maxTouches: number;
  };
  /** Time spent: assembling journeys, learning, attributing (ms). */
  readonly timings: {
    readonly assembleMs: number;
    readonly learnMs: number;
    readonly attributeMs: number;
  };
  /** Deals no longer in the portal whose stored journeys and results were deleted. */
  readonly removedDeals: number;
  readonly problems: readonly DataProblem[];
}

interface Tally {
  deals: number;
  amount: number;
  attributed: number;
  unattributed: number;
  channels: Map<string, number>;
}

/** Won revenue per currency and channel. */
export class RevenueTotals {
  private readonly byCurrency = new Map<string, Tally>();

  add(journey: Journey, result: DealAttribution): void {
    const { currency, cents } = journey.deal.amount;
    let t = this.byCurrency.get(currency);
    if (t === undefined) {
      t = { deals: 0, amount: 0, attributed: 0, unattributed: 0, channels: new Map() };
      this.byCurrency.set(currency, t);
    }
    t.deals++;
    t.amount += cents;
    t.unattributed += result.unattributedCents;
    for (const [channel, c] of creditByChannel(result, (k) => journey.touches[k.index]!.channel)) {
      t.attributed += c.cents;
      t.channels.set(channel, (t.channels.get(channel) ?? 0) + c.cents);
    }
  }

  /** Adds another run's totals (a batch done elsewhere: `result()` of its RevenueTotals). */
  merge(totals: readonly CurrencyTotals[]): void {
    for (const c of totals) {
      let t = this.byCurrency.get(c.currency);
      if (t === undefined) {
        t = { deals: 0, amount: 0, attributed: 0, unattributed: 0, channels: new Map() };
        this.byCurrency.set(c.currency, t);
      }
      t.deals += c.deals;
      t.amount += c.amountCents;
      t.attributed += c.attributedCents;
      t.unattributed += c.unattributedCents;
      for (const ch of c.byChannel)
        t.channels.set(ch.channel, (t.channels.get(ch.channel) ?? 0) + ch.cents);
    }
  }

  result(): CurrencyTotals[] {
    return [...this.byCurrency]
      .sort(([a], [b]) => cmp(a, b))
      .map(([currency, t]) => ({
        currency,
        deals: t.deals,
        amountCents: t.amount,
        attributedCents: t.attributed,
        unattributedCents: t.unattributed,
        byChannel: [...t.channels]
          .map(([channel, cents]) => ({ channel, cents }))
          .sort((a, b) => b.cents - a.cents || cmp(a.channel, b.channel)),
      }));
  }
}
