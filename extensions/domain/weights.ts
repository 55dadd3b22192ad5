// How the rule models split a journey (ATTRIBUTION.md §2.1 and §2.3), the one implementation the
// engine's models and the settings page's weights preview share.
//
// Position weights: a weight per milestone role and one for the middle (the touches that hold no
// weighted role); a bucket without a touch is dropped and the others renormalised (÷ Z). Time
// decay: a touch's weight halves every half-life before the journey's end, always normalised.
//
// Hot path (bench/rules.ts): no allocation per call. Fractions go into a caller's array, holders
// into module scratch valid only during one call, and a weights object's vector is cached by
// identity, so weights objects are treated as immutable.

import { ROLES, WEIGHT_BUCKETS, type BucketWeights, type Role } from './models.js';

/** The index of the touch holding each milestone role; a role nobody holds is absent. */
export type RoleHolders = Readonly<Partial<Record<Role, number>>>;

/** Where fractions are written: the engine's Float64Array, or a plain array. */
export type FractionsOut = Float64Array | number[];

// Holders of the current call (at most one per role), valid only during positionFractionsInto.
const holderAt = new Int32Array(ROLES.length);
const holderSum = new Float64Array(ROLES.length);
let holders = 0;

/** Weights by ROLES index, then MID: the hot loop reads them by index, not by role name. */
const vectors = new WeakMap<BucketWeights, Float64Array>();
function weightVector(weights: BucketWeights): Float64Array {
  let v = vectors.get(weights);
  if (v === undefined) {
    v = Float64Array.from(WEIGHT_BUCKETS, (r) => weights[r] ?? 0);
    vectors.set(weights, v);
  }
  return v;
}

/** Counts role holder h with weight w (if both count) and returns Z so far. */
function hold(h: number | undefined, w: number, z: number): number {
  if (!(w > 0) || h === undefined) return z;
  let k = 0;
  while (k < holders && holderAt[k] !== h) k++;
  if (k === holders) {
    holderAt[k] = h;
    holderSum[k] = 0;
    holders++;
  }
  holderSum[k]! += w;
  return z + w;
}

/**
 * §2.1 for a journey of n touches, into out[0..n): a role's weight goes to the touch holding it,
 * the middle weight is split over the touches holding no weighted role, a bucket without a touch
 * is dropped and the rest divided by their sum Z. Weights are scale-free (percent or fractions)
 * and only those > 0 count. A touch holding several roles gets their sum; summing the weights
 * before the one division makes a touch holding every present role get exactly 1 (Z is the same
 * sum in the same ROLES order). False, with `out` unspecified, when no bucket is present (Z = 0).
 */
export function positionFractionsInto(
  n: number,
  holdersOf: RoleHolders,
  weights: BucketWeights,
  out: FractionsOut,
): boolean {
  const v = weightVector(weights);
  holders = 0;
  // Named reads in ROLES order: milestones come in several shapes, and keyed reads are slower.
  let z = hold(holdersOf.FIRST, v[0]!, 0);
  z = hold(holdersOf.LAST, v[1]!, z);
  z = hold(holdersOf.LND, v[2]!, z);
  z = hold(holdersOf.LC, v[3]!, z);
  z = hold(holdersOf.OC, v[4]!, z);
  z = hold(holdersOf.CW, v[5]!, z);
  const wMid = v[6]!;
  const middleCount = n - holders;
  const hasMiddle = wMid > 0 && middleCount > 0;
  if (hasMiddle) z += wMid;
  if (!(z > 0)) return false;
  out.fill(hasMiddle ? wMid / (z * middleCount) : 0, 0, n);
  for (let k = 0; k < holders; k++) out[holderAt[k]!] = holderSum[k]! / z;
  return true;
}

/**
 * §2.3 in place: out[0..n) holds each touch's days before the journey's end (fractional), in time
 * order, so the last is the smallest Δ_min; on return, each touch's share 2^(−(Δ − Δ_min) / H) / Σ.
 * Subtracting Δ_min cancels in the ratio and keeps the largest weight at exactly 1, so long
 * journeys never underflow to 0/0.
 */
export function timeDecayInPlace(out: FractionsOut, n: number, halfLifeDays: number): void {
  const dMin = n > 0 ? out[n - 1]! : 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += out[i] = 2 ** (-(out[i]! - dMin) / halfLifeDays);
  for (let i = 0; i < n; i++) out[i] = out[i]! / sum;
}
