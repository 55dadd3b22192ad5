// Bootstrap intervals on the logistic coefficients: resample the journeys with replacement, refit,
// and take the percentile interval of each coefficient over the resamples (Efron & Tibshirani,
// "An Introduction to the Bootstrap", ch. 13). Deterministic by seed: one mulberry32 stream.
//
// A journey is one unit of a (channel set, outcome) cell: cell weights are the rows' wins and
// losses. Each resample draws round(N) journeys, N = Σ weights, from the cells in proportion to
// their weights (Walker's alias method, O(1) a draw) and gives each draw N / round(N), which is 1
// for whole counts and keeps N for fractional ones. Refits start from the full-data estimate.

import { mulberry32 } from '../../kernel/index.js';
import { fitDesign, type LogisticDesign, type LogisticFit, type LogisticOptions } from './fit.js';
import { designFromRows } from './design.js';
import type { LogisticRow } from './fit.js';

export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

export interface BootstrapOptions {
  /** Resamples B ≥ 1. */
  readonly samples: number;
  readonly seed: number;
  /** Central coverage of the percentile interval (default 0.9: the 5th to 95th percentile). */
  readonly level?: number;
}

export interface LogisticBootstrap {
  readonly samples: number;
  readonly level: number;
  /** Resamples whose fit converged; the intervals are over these only. */
  readonly used: number;
  /** Resamples that drew no win or no loss (no finite optimum) or did not converge. */
  readonly failed: number;
  /** Null when no resample converged. */
  readonly intercept: Interval | null;
  /** By channel id; null when no resample converged. */
  readonly coefficients: readonly Interval[] | null;
}

/** Bootstrap of `fitLogistic(rows, channelCount, options)` (refits from `fit` when given). */
export function bootstrapLogistic(
  rows: readonly LogisticRow[],
  channelCount: number,
  options: LogisticOptions,
  boot: BootstrapOptions,
  fit?: LogisticFit,
): LogisticBootstrap {
  const { design, wins, losses } = designFromRows(rows, channelCount);
  return bootstrapDesign(
    design,
    wins,
    losses,
    options,
    boot,
    fit ?? fitDesign(design, wins, losses, options),
  );
}

export function bootstrapDesign(
  d: LogisticDesign,
  wins: Float64Array,
  losses: Float64Array,
  options: LogisticOptions,
  boot: BootstrapOptions,
  fit: LogisticFit,
): LogisticBootstrap {
  const level = boot.level ?? 0.9;
  if (!(Number.isInteger(boot.samples) && boot.samples >= 1)) {
    throw new RangeError('bootstrap samples must be an integer ≥ 1');
  }
  if (!(level > 0 && level < 1)) throw new RangeError('bootstrap level must be in (0, 1)');
  // Cells with positive weight: 2r = the wins of row r, 2r + 1 its losses.
  const cells: number[] = [];
  const weights: number[] = [];
  for (let r = 0; r < d.size; r++) {
    if (wins[r]! > 0) {
      cells.push(2 * r);
      weights.push(wins[r]!);
    }
    if (losses[r]! > 0) {
      cells.push(2 * r + 1);
      weights.push(losses[r]!);
    }
  }
  let total = 0;
  for (const w of weights) total += w;
  const draws = Math.max(1, Math.round(total));
  const unit = total / draws;
  const { prob, alias } = aliasTable(weights);
  const k = cells.length;
  const rand = mulberry32(boot.seed);
  const n = d.channelCount + 1;
  const kept = new Float64Array(boot.samples * n); // parameter j of resample b at j·B + b
  const bw = new Float64Array(d.size);
  const bl = new Float64Array(d.size);
  let used = 0;
  for (let b = 0; b < boot.samples; b++) {
    bw.fill(0);
    bl.fill(0);
    let drewWin = false;
    let drewLoss = false;
    for (let i = 0; i < draws && k > 0; i++) {
      // 53 random bits for the column: with one 32-bit draw, k ≈ 10⁶ cells would be uneven.
      let c = Math.floor((rand() + rand() / 4294967296) * k);
      if (c >= k) c = k - 1;
      if (rand() >= prob[c]!) c = alias[c]!;
      const cell = cells[c]!;
      const r = cell >> 1;
      if (cell & 1) {
        bl[r] = bl[r]! + unit;
        drewLoss = true;
      } else {
        bw[r] = bw[r]! + unit;
        drewWin = true;
      }
    }
    if (!(drewWin && drewLoss)) continue;
    const f = fitDesign(d, bw, bl, options, fit);
    if (!f.converged) continue;
    kept[used] = f.intercept;
    for (let c = 0; c < d.channelCount; c++)
      kept[(c + 1) * boot.samples + used] = f.coefficients[c]!;
    used++;
  }
  const failed = boot.samples - used;
  if (used === 0) {
    return { samples: boot.samples, level, used, failed, intercept: null, coefficients: null };
  }
  const interval = (j: number): Interval => {
    const xs = kept.subarray(j * boot.samples, j * boot.samples + used).sort();
    return { lo: quantile(xs, (1 - level) / 2), hi: quantile(xs, (1 + level) / 2) };
  };
  const coefficients: Interval[] = [];
  for (let c = 1; c < n; c++) coefficients.push(interval(c));
  return { samples: boot.samples, level, used, failed, intercept: interval(0), coefficients };
}

/** Quantile q of sorted xs, linear between order statistics (Hyndman & Fan type 7, R's default). */
export function quantile(xs: ArrayLike<number>, q: number): number {
  const h = (xs.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, xs.length - 1);
  return xs[lo]! + (h - lo) * (xs[hi]! - xs[lo]!);
}

/** Vose's alias table: column c is itself with probability prob[c], else alias[c]. */
function aliasTable(weights: readonly number[]): { prob: Float64Array; alias: Int32Array } {
  const k = weights.length;
  const prob = new Float64Array(k);
  const alias = new Int32Array(k);
  let total = 0;
  for (const w of weights) total += w;
  const scaled = weights.map((w) => (w * k) / total);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, c) => (p < 1 ? small : large).push(c));
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const c of [...small, ...large]) {
    prob[c] = 1; // only rounding keeps these from exactly 1
    alias[c] = c;
  }
  return { prob, alias };
}
