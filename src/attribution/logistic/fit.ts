// L2-regularised logistic regression of won vs lost journeys on the indicators of the distinct
// channels that touched them (Shao & Li, KDD 2011: "data-driven multi-touch attribution models").
//
// Journeys with the same channel set share one design row, so the fit runs on aggregated rows
// weighted by their counts: an analyst's file of 1M paths has at most a few hundred thousand
// distinct sets, and a portal far fewer. The objective, over rows r with set S_r, wins w_r and
// losses l_r, η_r = α + Σ_{c∈S_r} β_c, is
//
//   f(α, β) = Σ_r [w_r · log(1 + e^−η_r) + l_r · log(1 + e^η_r)] + (λ/2) · Σ_c β_c²
//
// with the intercept α unpenalised. It is minimised by Newton's method (IRLS): the dense Hessian
// of size (channels + 1)² is factored by Cholesky (with a small ridge added if it is not
// numerically positive definite, e.g. λ = 0 and two channels that always co-occur), and each step
// is backtracked until f decreases (Armijo), so every iteration descends.

import { cholesky, choleskySolve } from './cholesky.js';
import { designFromRows } from './design.js';

export { designFromPathSet, designFromRows, logisticRowsFromPathSet } from './design.js';

export interface LogisticRow {
  /** Distinct channel ids 0..channelCount−1 (any order). */
  readonly channels: readonly number[];
  readonly wins: number;
  readonly losses: number;
}

export interface LogisticOptions {
  /** λ ≥ 0, the L2 penalty on the channel coefficients (not on the intercept). */
  readonly l2: number;
  /** Newton steps at most (default 100). */
  readonly maxIterations?: number;
  /** Converged when every |∂f/∂θ| ≤ tolerance · max(1, Σ (wins + losses)) (default 1e−10). */
  readonly tolerance?: number;
}

export interface LogisticFit {
  readonly intercept: number;
  /** By channel id. */
  readonly coefficients: Float64Array;
  /** Newton steps taken. */
  readonly iterations: number;
  readonly converged: boolean;
  /** max |∂f/∂θ| of the penalised objective at the returned point (the KKT residual). */
  readonly maxGradient: number;
  /** f at the returned point. */
  readonly objective: number;
}

/**
 * Aggregated rows in compressed form: row r's channels are members[offsets[r] .. offsets[r+1]),
 * distinct and ascending (the Hessian is accumulated in its lower triangle on that order).
 */
export interface LogisticDesign {
  readonly channelCount: number;
  readonly size: number;
  readonly offsets: Int32Array;
  readonly members: Int32Array;
}

const DEFAULT_MAX_ITERATIONS = 100;
const DEFAULT_TOLERANCE = 1e-10;
const ARMIJO = 1e-4;

const softplus = (x: number): number =>
  x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
const sigmoid = (x: number): number => {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
};

export function fitLogistic(
  rows: readonly LogisticRow[],
  channelCount: number,
  options: LogisticOptions,
): LogisticFit {
  const { design, wins, losses } = designFromRows(rows, channelCount);
  return fitDesign(design, wins, losses, options);
}

/** Penalised objective at θ = (α, β); writes each row's η into `eta`. */
function objective(
  d: LogisticDesign,
  wins: Float64Array,
  losses: Float64Array,
  l2: number,
  theta: Float64Array,
  eta: Float64Array,
): number {
  const { offsets, members } = d;
  let f = 0;
  for (let r = 0; r < d.size; r++) {
    let e = theta[0]!;
    for (let i = offsets[r]!; i < offsets[r + 1]!; i++) e += theta[members[i]! + 1]!;
    eta[r] = e;
    const w = wins[r]!;
    const l = losses[r]!;
    if (w > 0) f += w * softplus(-e);
    if (l > 0) f += l * softplus(e);
  }
  let penalty = 0;
  for (let c = 1; c < theta.length; c++) penalty += theta[c]! * theta[c]!;
  return f + 0.5 * l2 * penalty;
}

/**
 * Minimises f from `start` (default: β = 0, α = log(wins / losses)). Without both wins and
 * losses f has no finite minimum (α runs off to ±∞): the result then says `converged: false` at
 * once. With l2 = 0 a channel seen only in won (or lost) journeys has no finite coefficient
 * either; the fit then stops where the gradient tolerance is met, at a large coefficient.
 */
export function fitDesign(
  d: LogisticDesign,
  wins: Float64Array,
  losses: Float64Array,
  options: LogisticOptions,
  start?: { readonly intercept: number; readonly coefficients: ArrayLike<number> },
): LogisticFit {
  const { l2 } = options;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  if (!(l2 >= 0 && Number.isFinite(l2))) throw new RangeError(`l2 must be finite and ≥ 0`);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 0)) {
    throw new RangeError('maxIterations must be an integer ≥ 0');
  }
  if (!(tolerance > 0)) throw new RangeError('tolerance must be > 0');
  const k = d.channelCount;
  const n = k + 1;
  const { offsets, members } = d;
  let totalWins = 0;
  let totalLosses = 0;
  for (let r = 0; r < d.size; r++) {
    totalWins += wins[r]!;
    totalLosses += losses[r]!;
  }
  const scale = Math.max(1, totalWins + totalLosses);

  const theta = new Float64Array(n);
  if (start) {
    theta[0] = start.intercept;
    for (let c = 0; c < k; c++) theta[c + 1] = start.coefficients[c]!;
  } else if (totalWins > 0 && totalLosses > 0) {
    theta[0] = Math.log(totalWins / totalLosses);
  }
  const grad = new Float64Array(n);
  const hess = new Float64Array(n * n);
  const chol = new Float64Array(n * n);
  const step = new Float64Array(n);
  const trial = new Float64Array(n);
  let eta = new Float64Array(d.size);
  let etaTrial = new Float64Array(d.size);
  let f = objective(d, wins, losses, l2, theta, eta);
  if (!(totalWins > 0 && totalLosses > 0)) {
    // f keeps falling as α runs off to ±∞: no minimum to report (the gradient would still fall
    // below any tolerance, e^−α fast, so the test cannot be left to the loop).
    return {
      intercept: theta[0]!,
      coefficients: theta.slice(1),
      iterations: 0,
      converged: false,
      maxGradient: Math.max(totalWins, totalLosses),
      objective: f,
    };
  }
  let iterations = 0;
  let converged = false;
  let maxGradient = Infinity;

  for (;;) {
    // Gradient and (lower triangle of the) Hessian at θ, from the η of the last evaluation.
    grad.fill(0);
    hess.fill(0);
    for (let r = 0; r < d.size; r++) {
      const w = wins[r]!;
      const m = w + losses[r]!;
      if (!(m > 0)) continue;
      const p = sigmoid(eta[r]!);
      const g = m * p - w;
      const h = m * p * (1 - p);
      grad[0] = grad[0]! + g;
      hess[0] = hess[0]! + h;
      const e = offsets[r + 1]!;
      for (let i = offsets[r]!; i < e; i++) {
        const a = members[i]! + 1;
        grad[a] = grad[a]! + g;
        const row = a * n;
        hess[row] = hess[row]! + h; // (a, intercept)
        // members ascend, so (a, b) with b ≤ a stays in the lower triangle
        for (let j = offsets[r]!; j <= i; j++) {
          const at = row + members[j]! + 1;
          hess[at] = hess[at]! + h;
        }
      }
    }
    maxGradient = Math.abs(grad[0]!);
    for (let c = 1; c < n; c++) {
      grad[c] = grad[c]! + l2 * theta[c]!;
      hess[c * n + c] = hess[c * n + c]! + l2;
      maxGradient = Math.max(maxGradient, Math.abs(grad[c]!));
    }
    if (maxGradient <= tolerance * scale) {
      converged = true;
      break;
    }
    if (iterations >= maxIterations) break;

    newtonDirection(hess, n, grad, chol, step);
    let slope = 0;
    for (let c = 0; c < n; c++) slope += grad[c]! * step[c]!;
    let t = 1;
    let accepted = false;
    let fTrial = f;
    for (; t >= 1e-10; t /= 2) {
      for (let c = 0; c < n; c++) trial[c] = theta[c]! + t * step[c]!;
      fTrial = objective(d, wins, losses, l2, trial, etaTrial);
      // Near the optimum the decrease drops below the rounding of f: a full Newton step there is
      // accepted as long as f does not grow beyond that rounding.
      if (
        fTrial <= f + ARMIJO * t * slope ||
        (t === 1 && fTrial <= f + 1e-13 * Math.max(1, Math.abs(f)))
      ) {
        accepted = true;
        break;
      }
    }
    if (!accepted) break; // no descent left in floating point: report the gradient as it is
    theta.set(trial);
    [eta, etaTrial] = [etaTrial, eta];
    f = fTrial;
    iterations++;
  }
  return {
    intercept: theta[0]!,
    coefficients: theta.slice(1),
    iterations,
    converged,
    maxGradient,
    objective: f,
  };
}

/** step = −H⁻¹·g, adding a growing ridge to H until Cholesky succeeds. */
function newtonDirection(
  hess: Float64Array,
  n: number,
  grad: Float64Array,
  chol: Float64Array,
  step: Float64Array,
): void {
  let maxDiag = 0;
  for (let c = 0; c < n; c++) maxDiag = Math.max(maxDiag, Math.abs(hess[c * n + c]!));
  let ridge = 0;
  while (!cholesky(hess, n, chol, ridge)) {
    ridge = ridge === 0 ? Math.max(1e-12 * maxDiag, 1e-300) : ridge * 10;
    if (!Number.isFinite(ridge)) throw new Error('logistic: the Hessian cannot be factored');
  }
  for (let c = 0; c < n; c++) step[c] = -grad[c]!;
  choleskySolve(chol, n, step);
}
