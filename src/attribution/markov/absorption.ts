// Absorption probabilities of the full chain (§4.2 without removals): x(s) = the probability that a
// walk in transient state s ends in CONV, for every state s (START included, x(START) = p). Model
// evaluation reads x at a journey's final state as the chain's P(win | journey).
//
// x is the fixed point of T(x) = P(·,CONV) + Q·x on all transient states (states that cannot reach
// CONV get 0 by themselves). Gauss–Seidel from 0 rises monotonically towards it, and after a sweep
// from v to g the residual T(g) − g lies in [−D⁻, D⁺] with D⁺ = max(g − v)⁺, D⁻ = max(v − g)⁺
// (the argument of gauss-seidel.ts). With the certified t of time-bound.ts, (I − Q)·t ≥ 1, the
// vectors g + D⁺·t and g − D⁻·t are a super- and a subsolution, so for *every* state
//   x*(s) ∈ [g(s) − D⁻·t(s), g(s) + D⁺·t(s)].
// We stop when that bracket is at most `tolerance` wide for all states (absolute: x ∈ [0, 1]) and
// return g, so every value is within `tolerance` of the exact solution (and a state that cannot
// reach CONV is exactly 0).

import { err, ok, type Result } from '../../kernel/index.js';
import type { MarkovChain } from './chain.js';
import { timeBound } from './time-bound.js';
import { MAX_SWEEPS } from './two-sided.js';

export const ABSORPTION_TOLERANCE = 1e-12;

/** x(s) per transient state of `chain` (index 0 = START), each within `tolerance` of exact. */
export function absorptionProbabilities(
  chain: MarkovChain,
  tolerance = ABSORPTION_TOLERANCE,
  maxSweeps = MAX_SWEEPS,
): Result<Float64Array, 'markov_not_converged'> {
  const { size, rowPtr, col, prob, toConv } = chain;
  const time = timeBound(chain, maxSweeps);
  if (!time.ok) return time;
  const t = time.value;
  let tMax = 0;
  for (let s = 0; s < size; s++) if (t[s]! > tMax) tMax = t[s]!;
  const x = new Float64Array(size);
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let up = 0;
    let down = 0;
    for (let a = 0; a < size; a++) {
      let v = toConv[a]!;
      for (let j = rowPtr[a]!; j < rowPtr[a + 1]!; j++) v += prob[j]! * x[col[j]!]!;
      const d = v - x[a]!;
      if (d > up) up = d;
      else if (-d > down) down = -d;
      x[a] = v;
    }
    if ((up + down) * tMax <= tolerance) return ok(x);
  }
  return err(
    'markov_not_converged',
    `absorption probabilities did not converge in ${maxSweeps} sweeps`,
  );
}

/** Index of the state whose tuple is `tuple` (channel ids of chain.channels), or −1. */
export function stateIndex(chain: MarkovChain): (tuple: readonly number[]) => number {
  const { order, tuples, lengths, size } = chain;
  const byKey = new Map<string, number>();
  for (let s = 1; s < size; s++) {
    const len = lengths[s]!;
    const ids: number[] = [];
    for (let i = 0; i < len; i++) ids.push(tuples[s * order + i]!);
    byKey.set(ids.join(','), s);
  }
  return (tuple) => (tuple.length === 0 ? 0 : (byKey.get(tuple.join(',')) ?? -1));
}
