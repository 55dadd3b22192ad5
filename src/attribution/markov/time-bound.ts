// A certified bound on the expected number of steps before absorption, used by the residual
// bracket of gauss-seidel.ts.
//
// We need a vector t > 0 with t(a) ≥ 1 + Σ_b P(a,b)·t(b) for every transient state a. Then for any
// removal set and its G, t restricted to G satisfies the same inequality (dropping states only
// drops non-negative terms), which is what the bracket needs. t is found by Gauss–Seidel on
// t = 1 + Q·t to a loose accuracy, then certified: s = t − Q·t is computed exactly once and t is
// divided by min s (> 0), so that (I − Q)·t ≥ 1 holds by construction.

import { err, ok, type Result } from '../../kernel/index.js';
import type { MarkovChain } from './chain.js';
import { MAX_SWEEPS } from './two-sided.js';

/**
 * Relative change per sweep at which t is certified. The certificate holds for any t; a rougher
 * one is only a little larger (≈5 % at 1e−2 on the benchmark, so brackets ≈5 % wider) and costs
 * half the sweeps of 1e−4.
 */
const ROUGH = 1e-2;

export function timeBound(
  chain: MarkovChain,
  maxSweeps = MAX_SWEEPS,
): Result<Float64Array, 'markov_not_converged'> {
  const { size, rowPtr, col, prob } = chain;
  const t = new Float64Array(size);
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let change = 0;
    for (let a = 0; a < size; a++) {
      let v = 1;
      for (let j = rowPtr[a]!; j < rowPtr[a + 1]!; j++) v += prob[j]! * t[col[j]!]!;
      const d = (v - t[a]!) / v;
      if (d > change) change = d;
      t[a] = v;
    }
    if (change > ROUGH) continue;
    let min = Infinity;
    for (let a = 0; a < size; a++) {
      let qt = 0;
      for (let j = rowPtr[a]!; j < rowPtr[a + 1]!; j++) qt += prob[j]! * t[col[j]!]!;
      const s = t[a]! - qt;
      if (s < min) min = s;
    }
    if (min > 0.5) {
      // A margin of 1e−12 covers the rounding of the check itself.
      const scale = (1 + 1e-12) / min;
      for (let a = 0; a < size; a++) t[a] = t[a]! * scale;
      return ok(t);
    }
  }
  return err(
    'markov_not_converged',
    `expected path length did not converge in ${maxSweeps} sweeps`,
  );
}
