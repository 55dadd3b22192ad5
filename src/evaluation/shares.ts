// Channel shares of every model over a portal's closed deals, and how stable they are: a
// bootstrap over deals (each resample draws as many closed deals as there are, with replacement,
// from mulberry32 seeded by the caller) gives each share its 90 % percentile interval.
//
// Rule models: a channel's share of the won revenue the model attributes (engine's bulk path,
// attributeCents, amounts in major units of their currency at face value; won deals without a
// touch are unattributed and left out, so shares add up to 1). Resampling only re-weights deals.
// Data-driven models: their learned portal-wide channel weights W_c (§4.5), learned again on each
// resample from the re-weighted path rows (a deal drawn k times counts k times). Every model uses
// the same resamples (the first ones of the sequence), so their intervals are comparable.

import type { RuleModelId } from '../domain/index.js';
import { rowsFromJourneys } from '../attribution/index.js';
import {
  attributeCents,
  currencyExponent,
  type AttributeExtra,
  type Journey,
  type PathSet,
} from '../attribution/index.js';
import { cmp, mulberry32 } from '../kernel/index.js';
import { quantile } from './metrics.js';
import type { Predictor } from './predictors/predictor.js';
import type { ChannelShare } from './types.js';

/** The interval is the central 90 % of the bootstrap distribution (5th to 95th percentile). */
export const INTERVAL_TAIL = 0.05;

/** `resamples` draws of n deals with replacement, as counts per deal. */
export function resampleCounts(n: number, resamples: number, seed: number): Uint32Array[] {
  const rand = mulberry32(seed);
  const out: Uint32Array[] = [];
  for (let b = 0; b < resamples; b++) {
    const counts = new Uint32Array(n);
    for (let i = 0; i < n; i++) counts[Math.floor(rand() * n)]!++;
    out.push(counts);
  }
  return out;
}

/** Every channel of the deals' touches, in code-unit order. */
export function channelsOf(journeys: readonly Journey[]): string[] {
  const set = new Set<string>();
  for (const j of journeys) for (const t of j.touches) set.add(t.channel);
  return [...set].sort(cmp);
}

/**
 * The share on all deals and the percentile interval of its resampled values, widened to reach
 * the share where the share lies outside it: a percentile interval need not contain the estimate
 * (a biased share, e.g. logistic's β⁺ on a small portal, can sit beyond the 95th percentile), and
 * an interval shown next to a share that it excludes would read as an error.
 */
export function withInterval(share: number, samples: number[]): ChannelShare {
  if (samples.length === 0) return { share, lo: share, hi: share };
  samples.sort((a, b) => a - b);
  return {
    share,
    lo: Math.min(share, quantile(samples, INTERVAL_TAIL)),
    hi: Math.max(share, quantile(samples, 1 - INTERVAL_TAIL)),
  };
}

function intervals(
  channels: readonly string[],
  full: ReadonlyMap<string, number>,
  samples: readonly ReadonlyMap<string, number>[],
): Record<string, ChannelShare> {
  // fromEntries defines own properties, so even a channel named `__proto__` stays a key.
  return Object.fromEntries(
    channels.map((c) => [
      c,
      withInterval(
        full.get(c) ?? 0,
        samples.map((s) => s.get(c) ?? 0),
      ),
    ]),
  );
}

/** Closed deals as path rows, with each deal's row, outcome and value, for re-weighting. */
export interface IndexedPaths {
  readonly paths: PathSet;
  /** Row of each deal in `paths` (−1: no touch, counted as unattributed). */
  readonly rowOf: Int32Array;
  readonly won: Uint8Array;
  /** The value rowsFromJourneys gives a won deal (amount in major units). */
  readonly value: Float64Array;
}

export function indexPaths(closed: readonly Journey[]): IndexedPaths {
  const paths = rowsFromJourneys(closed);
  const ids = new Map(paths.channels.map((c, i) => [c, i] as const));
  const rows = new Map<string, number>();
  for (let r = 0; r < paths.size; r++) {
    rows.set(paths.steps.subarray(paths.offsets[r], paths.offsets[r + 1]).join(','), r);
  }
  const n = closed.length;
  const rowOf = new Int32Array(n);
  const won = new Uint8Array(n);
  const value = new Float64Array(n);
  closed.forEach((j, i) => {
    const key = j.touches.map((t) => ids.get(t.channel)!).join(',');
    rowOf[i] = j.touches.length === 0 ? -1 : rows.get(key)!;
    won[i] = j.deal.stage === 'won' ? 1 : 0;
    value[i] = won[i] ? j.deal.amount.cents / 10 ** currencyExponent(j.deal.amount.currency) : 0;
  });
  return { paths, rowOf, won, value };
}

/** The rows of `ix` with deal i counted counts[i] times (rows of uncounted deals keep weight 0). */
export function reweighted(ix: IndexedPaths, counts: ArrayLike<number>): PathSet {
  const { paths, rowOf, won, value } = ix;
  const conversions = new Float64Array(paths.size);
  const nulls = new Float64Array(paths.size);
  const values = new Float64Array(paths.size);
  const empty = { rows: 0, conversions: 0, value: 0, nulls: 0 };
  for (let i = 0; i < rowOf.length; i++) {
    const k = counts[i]!;
    if (k === 0) continue;
    const r = rowOf[i]!;
    if (r < 0) {
      empty.rows += k;
      if (won[i]) empty.conversions += k;
      else empty.nulls += k;
      empty.value += k * value[i]!;
    } else if (won[i]) {
      conversions[r] = conversions[r]! + k;
      values[r] = values[r]! + k * value[i]!;
    } else nulls[r] = nulls[r]! + k;
  }
  let totalConversions = 0;
  let totalNulls = 0;
  let totalValue = 0;
  for (let r = 0; r < paths.size; r++) {
    totalConversions += conversions[r]!;
    totalNulls += nulls[r]!;
    totalValue += values[r]!;
  }
  return {
    ...paths,
    conversions,
    nulls,
    values,
    totalConversions,
    totalNulls,
    totalValue,
    unattributed: empty,
  };
}

export interface DataDrivenShares {
  readonly shares: Record<string, ChannelShare>;
  /** Resamples the model learned from (one that cannot learn, e.g. no conversion, is skipped). */
  readonly resamples: number;
  readonly unavailable?: string;
}

export function dataDrivenShares(
  predictor: Predictor,
  ix: IndexedPaths,
  channels: readonly string[],
  resamples: readonly Uint32Array[],
): DataDrivenShares {
  const full = predictor.fit(ix.paths);
  if (!full.ok) {
    return { shares: intervals(channels, new Map(), []), resamples: 0, unavailable: full.message };
  }
  const samples: ReadonlyMap<string, number>[] = [];
  for (const counts of resamples) {
    const fit = predictor.fit(reweighted(ix, counts));
    if (fit.ok) samples.push(fit.value.channelShares);
  }
  return {
    shares: intervals(channels, full.value.channelShares, samples),
    resamples: samples.length,
  };
}

/**
 * A rule model's share of attributed won revenue per channel, on all closed deals and on each
 * resample (counts over `closed`).
 */
export function ruleShares(
  closed: readonly Journey[],
  model: RuleModelId,
  channels: readonly string[],
  resamples: readonly Uint32Array[],
  options?: unknown,
  extra?: AttributeExtra,
): Record<string, ChannelShare> {
  const index = new Map(channels.map((c, i) => [c, i] as const));
  // Sparse per-deal revenue by channel: deal i owns entries ptr[i] .. ptr[i + 1].
  const ptr = [0];
  const channel: number[] = [];
  const revenue: number[] = [];
  const perChannel = new Float64Array(channels.length);
  const seenIn = new Int32Array(channels.length).fill(-1);
  closed.forEach((journey, d) => {
    const r = journey.deal.stage === 'won' ? attributeCents(journey, model, options, extra) : null;
    if (r?.status === 'attributed') {
      const unit = 10 ** currencyExponent(journey.deal.amount.currency);
      const seen: number[] = [];
      journey.touches.forEach((t, i) => {
        const c = index.get(t.channel)!;
        if (seenIn[c] !== d) {
          seenIn[c] = d;
          seen.push(c);
          perChannel[c] = 0;
        }
        perChannel[c] = perChannel[c]! + r.cents[i]!; // integer cents: exact
      });
      for (const c of seen.sort((a, b) => a - b)) {
        if (perChannel[c] === 0) continue;
        channel.push(c);
        revenue.push(perChannel[c]! / unit);
      }
    }
    ptr.push(channel.length);
  });
  const sharesFor = (counts: ArrayLike<number> | null): ReadonlyMap<string, number> => {
    const acc = new Float64Array(channels.length);
    let total = 0;
    for (let i = 0; i + 1 < ptr.length; i++) {
      const k = counts === null ? 1 : counts[i]!;
      if (k === 0) continue;
      for (let e = ptr[i]!; e < ptr[i + 1]!; e++) {
        acc[channel[e]!] = acc[channel[e]!]! + k * revenue[e]!;
        total += k * revenue[e]!;
      }
    }
    return new Map(channels.map((c, i) => [c, total > 0 ? acc[i]! / total : 0] as const));
  };
  return intervals(channels, sharesFor(null), resamples.map(sharesFor));
}
