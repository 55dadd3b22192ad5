// Scores of probabilistic predictions and rank statistics. Outcomes are 1 (won) and 0 (lost).

import type { CalibrationBucket } from './types.js';

/** Predictions are clamped to [ε, 1 − ε] before the logarithm, so one confident miss is finite. */
export const PROBABILITY_CLAMP = 1e-6;

/** Mean of −[y·ln p + (1 − y)·ln(1 − p)]; null without deals. */
export function logLoss(
  outcomes: ArrayLike<number>,
  predictions: ArrayLike<number>,
): number | null {
  const n = outcomes.length;
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - PROBABILITY_CLAMP, Math.max(PROBABILITY_CLAMP, predictions[i]!));
    sum -= outcomes[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / n;
}

/** 1-based ranks, tied values sharing the mean of the ranks they span. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && values[order[j]!] === values[order[i]!]) j++;
    const rank = (i + 1 + j) / 2; // mean of ranks i + 1 .. j
    for (let k = i; k < j; k++) ranks[order[k]!] = rank;
    i = j;
  }
  return ranks;
}

/**
 * Area under the ROC curve by the rank-sum (Mann–Whitney) formula, ties counted one half:
 * (R⁺ − n⁺(n⁺ + 1)/2) / (n⁺·n⁻) with R⁺ the sum of the won deals' average ranks. Null when the
 * deals are all won or all lost.
 */
export function auc(outcomes: ArrayLike<number>, predictions: ArrayLike<number>): number | null {
  const ranks = averageRanks(predictions);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < outcomes.length; i++) {
    if (outcomes[i] !== 1) continue;
    positives++;
    rankSum += ranks[i]!;
  }
  const negatives = outcomes.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Pearson correlation; null with fewer than 2 points or when either side is constant. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = x.length;
  if (n < 2 || y.length !== n) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Spearman's ρ: the Pearson correlation of average ranks (so ties are handled exactly). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  return pearson(averageRanks(x), averageRanks(y));
}

/** Spearman's ρ of two channel → value maps over the union of their channels, missing = 0. */
export function spearmanOfMaps(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): number | null {
  const channels = [...new Set([...a.keys(), ...b.keys()])];
  return spearman(
    channels.map((c) => a.get(c) ?? 0),
    channels.map((c) => b.get(c) ?? 0),
  );
}

/** At least this many deals per calibration bucket; at most 10 buckets (deciles). */
export const MIN_BUCKET_DEALS = 10;
export const MAX_BUCKETS = 10;

/**
 * Equal-count buckets of deals sorted by prediction (ties by input index): deciles, or fewer so
 * that each bucket has ≥ 10 deals (one bucket below 20 deals). Null without deals.
 */
export function calibration(
  outcomes: ArrayLike<number>,
  predictions: ArrayLike<number>,
): CalibrationBucket[] | null {
  const n = outcomes.length;
  if (n === 0) return null;
  const k = Math.max(1, Math.min(MAX_BUCKETS, Math.floor(n / MIN_BUCKET_DEALS)));
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => predictions[a]! - predictions[b]! || a - b,
  );
  const buckets: CalibrationBucket[] = [];
  for (let b = 0; b < k; b++) {
    const from = Math.floor((b * n) / k);
    const to = Math.floor(((b + 1) * n) / k);
    let predicted = 0;
    let won = 0;
    for (let i = from; i < to; i++) {
      predicted += predictions[order[i]!]!;
      won += outcomes[order[i]!] === 1 ? 1 : 0;
    }
    const deals = to - from;
    buckets.push({ predicted: predicted / deals, observed: won / deals, deals });
  }
  return buckets;
}

/** The q-quantile of ascending `sorted` by linear interpolation between order statistics. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of no values');
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Median of any values (not sorted in place); null without values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}
