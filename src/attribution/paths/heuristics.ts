// Position models on path files (ATTRIBUTION.md §5), with ChannelAttribution's `heuristic_models`
// semantics: the RAW path is the journey (no collapsing of repeats), each occurrence is a touch,
// FIRST is occurrence 1, LAST occurrence L, LND the last occurrence whose channel is not direct
// (L if all are direct), and the §2.1 algorithm with renormalisation splits each row's conversions
// and value by the fractions. One pass over the steps with typed-array accumulators: this runs on
// files with millions of touches.

import type { BucketWeights as RoleWeights } from '../../domain/index.js';
import type { ChannelCredit } from '../models/model.js';
import type { PathSet } from './path-set.js';

/** Channels that do not count for last_non_direct unless configured otherwise (§1). */
export const DEFAULT_DIRECT_CHANNELS: readonly string[] = ['direct', 'direct_traffic'];

/** The roles a path file can hold: it has no timestamps or milestones, so no LC, OC or CW. */
export const PATH_ROLES = ['FIRST', 'LAST', 'LND', 'MID'] as const;

/** True when the weights use only roles a path file can hold (FIRST, LAST, LND, MID). */
export function weightsApplyToPaths(weights: RoleWeights): boolean {
  return !((weights.LC ?? 0) > 0 || (weights.OC ?? 0) > 0 || (weights.CW ?? 0) > 0);
}

/**
 * Per-channel conversions and value under position weights on the raw paths, sorted by channel
 * (every channel of `paths` appears). Σ conversions = C_tot and Σ value = V_tot up to rounding.
 * Weights must be ≥ 0 over FIRST/LAST/LND/MID with a positive sum (callers validate; a violation
 * is a bug and throws).
 */
export function pathHeuristic(
  paths: PathSet,
  weights: RoleWeights,
  directChannels: readonly string[] = DEFAULT_DIRECT_CHANNELS,
): ChannelCredit[] {
  const wF = weights.FIRST ?? 0;
  const wL = weights.LAST ?? 0;
  const wN = weights.LND ?? 0;
  const wM = weights.MID ?? 0;
  if (!weightsApplyToPaths(weights)) {
    throw new RangeError('pathHeuristic: LC, OC and CW need timestamps or milestones');
  }
  if (!(wF >= 0 && wL >= 0 && wN >= 0 && wM >= 0 && wF + wL + wN + wM > 0)) {
    throw new RangeError('pathHeuristic: weights must be ≥ 0 with a positive sum');
  }
  const { channels, offsets, steps, conversions, values } = paths;
  const direct = new Set(directChannels.map((c) => c.toLowerCase()));
  const isDirect = Uint8Array.from(channels, (c) => (direct.has(c.toLowerCase()) ? 1 : 0));
  const conv = new Float64Array(channels.length);
  const val = new Float64Array(channels.length);

  let c = 0;
  let v = 0;
  const add = (ch: number, f: number): void => {
    conv[ch]! += f * c;
    val[ch]! += f * v;
  };
  for (let r = 0; r < paths.size; r++) {
    c = conversions[r]!;
    v = values[r]!;
    if (c === 0 && v === 0) continue; // a null-only row has nothing to split
    const s = offsets[r]!;
    const e = offsets[r + 1]!;
    // Holders of the positively weighted roles (−1: role not weighted).
    const first = wF > 0 ? s : -1;
    const last = wL > 0 ? e - 1 : -1;
    let nonDirect = -1;
    if (wN > 0) {
      nonDirect = e - 1;
      while (nonDirect >= s && isDirect[steps[nonDirect]!] === 1) nonDirect--;
      if (nonDirect < s) nonDirect = e - 1;
    }
    // Up to three distinct holder positions; a touch with several roles gets the sum of their
    // weights (§1), summed in the order Z is, so one touch holding every role gets exactly 1.
    let p1 = first;
    let w1 = wF;
    let p2 = -1;
    let w2 = 0;
    let p3 = -1;
    let w3 = 0;
    if (last >= 0) {
      if (last === p1) w1 += wL;
      else if (p1 < 0) {
        p1 = last;
        w1 = wL;
      } else {
        p2 = last;
        w2 = wL;
      }
    }
    if (nonDirect >= 0) {
      if (nonDirect === p1) w1 += wN;
      else if (nonDirect === p2) w2 += wN;
      else if (p1 < 0) {
        p1 = nonDirect;
        w1 = wN;
      } else if (p2 < 0) {
        p2 = nonDirect;
        w2 = wN;
      } else {
        p3 = nonDirect;
        w3 = wN;
      }
    }
    const middle = e - s - (p1 >= 0 ? 1 : 0) - (p2 >= 0 ? 1 : 0) - (p3 >= 0 ? 1 : 0);
    const z = wF + wL + wN + (wM > 0 && middle > 0 ? wM : 0);
    if (p1 >= 0) add(steps[p1]!, w1 / z);
    if (p2 >= 0) add(steps[p2]!, w2 / z);
    if (p3 >= 0) add(steps[p3]!, w3 / z);
    if (wM > 0 && middle > 0) {
      const f = wM / (z * middle);
      const fc = f * c;
      const fv = f * v;
      for (let i = s; i < e; i++) {
        if (i === p1 || i === p2 || i === p3) continue;
        const ch = steps[i]!;
        conv[ch]! += fc;
        val[ch]! += fv;
      }
    }
  }
  return channels.map((channel, i) => ({ channel, conversions: conv[i]!, value: val[i]! }));
}
