// Exact sparse solution of §4.2 for any order: x(a) = P(a,CONV) + Σ_{b∈G} P(a,b)·x(b) on G, 0 off G,
// for many systems at once (the full chain, or one per removed channel), each stopped when a
// rigorous bracket [lo, hi] of x(START) satisfies hi − lo ≤ 1e−12·hi; the midpoint is returned.
//
// Why the bracket is rigorous. Let T(x)(a) = P(a,CONV) + Σ_{b∈G} P(a,b)·x(b); it is monotone with
// one fixed point x* on G. One Gauss–Seidel sweep takes v to g with, for every a,
//   T(g)(a) − g(a) = Σ_{b updated at or after a} P(a,b)·(g(b) − v(b)),
// so with D⁺ = max(g − v)⁺ and D⁻ = max(v − g)⁺ the residual lies in [−D⁻, D⁺]. Given t with
// (I − Q_G)·t ≥ 1 (time-bound.ts), h = g + D⁺·t satisfies T(h) ≤ h and l = g − D⁻·t satisfies
// T(l) ≥ l, so l ≤ x* ≤ h: after *every* sweep, whatever the sweep started from,
//   x*(START) ∈ [g(START) − D⁻·t(START), g(START) + D⁺·t(START)].
// This is the §4.2 bracket (a subsolution below, a supersolution above), obtained from one vector
// instead of two. No state moves to START, so the sweeps leave START out (its row, every first
// state of a path, is ≈7 % of the transitions at order 3): the argument above holds on the other
// states with D± taken over them, and x*(START) = P(START,CONV) + Σ_b P(START,b)·x*(b) lies in
//   [s − D⁻·τ, s + D⁺·τ],  s = P(START,CONV) + Σ_b P(START,b)·g(b),  τ = t(START) − 1
// (τ ≥ Σ_b P(START,b)·t(b) as (I − Q)·t ≥ 1 holds at START). s is computed only in sweeps where
// (D⁺ + D⁻)·τ is small enough for that bracket to meet the tolerance. The speed-ups below are
// safe because the bracket needs nothing but the last sweep:
// - Start: each removal starts from the full chain's solution (any start is valid).
// - Extrapolation: the increments of Gauss–Seidel soon decay like λ^n for one dominant λ (the
//   chance of one more step before absorption, ≈0.7 per sweep on the benchmark). When two
//   successive ratios of the largest increment agree to 0.2 %, x jumps by λ/(1 − λ) times its last
//   increment, which removes that mode's error (≈30 sweeps to 1e−12 instead of ≈95). A jump leaves
//   a little of the mode behind, so once a λ has been trusted, a later ratio within 5 % of it
//   triggers the next jump with that λ (the mode's rate is the system's, not the iterate's),
//   without waiting for two ratios to agree again. Jumps need no proof of their own: the next
//   sweep's residual bounds whatever they produced.
// - All systems share the matrix: they run in panels of 8 (sweep.ts), values state-major within a
//   panel, so one walk of a CSR row updates 8 systems with their sums in registers. A removed
//   state is forced to 0 for its channel's system; a kept state outside G stays 0 by itself (no
//   CONV transition, only 0-valued successors). Converged systems leave the block (block.ts);
//   memory is bounded by blocks.
// Rounding noise (≈1e−16 of the largest x) can hide a tiny x(START) from the residual bound; a
// system whose largest increment stops halving is handed to the literal two-sided iteration
// (two-sided.ts).

import { ok, type Result } from '../../kernel/index.js';
import { Block } from './block.js';
import type { MarkovChain } from './chain.js';
import { MAX_SWEEPS, solveTwoSided } from './two-sided.js';

const BLOCK_BYTES = 128 * 1024 * 1024; // x and its increments: 16 bytes per state and system

export interface System {
  /** Channel whose states are NULL in this system (−1: none, the full chain). */
  readonly removed: number;
  /** G: 1 for states that reach CONV through kept states. */
  readonly inG: Uint8Array;
}

export interface SolveOptions {
  /** Certified t with (I − Q)·t ≥ 1 (time-bound.ts). */
  readonly time: Float64Array;
  /** Start vector for every system (restricted to its G); default 0. */
  readonly start?: Float64Array;
  readonly keepSolution?: boolean;
  readonly maxSweeps?: number;
  readonly extrapolate?: boolean;
  /** Sweeps without halving the bracket before the two-sided fallback (tests lower it). */
  readonly stall?: number;
}

export interface Solved {
  /** x(START) per system: the midpoint of a bracket of relative width ≤ 1e−12. */
  readonly p: Float64Array;
  /** Final x of each system (with keepSolution). */
  readonly solution: Float64Array[];
  readonly sweeps: number;
}

export function solveBracketed(
  chain: MarkovChain,
  systems: readonly System[],
  options: SolveOptions,
): Result<Solved, 'markov_not_converged'> {
  const p = new Float64Array(systems.length); // START ∉ G: x(START) = 0 without solving
  const solution: Float64Array[] = [];
  const stalled: number[] = [];
  let sweeps = 0;
  const todo = systems.map((_, i) => i).filter((i) => systems[i]!.inG[0] === 1);
  const width = Math.max(1, Math.floor(BLOCK_BYTES / (chain.size * 16)));
  for (let b = 0; b < todo.length; b += width) {
    const block = new Block(chain, todo.slice(b, b + width), systems, options);
    const r = block.run(p, solution, stalled);
    if (!r.ok) return r;
    sweeps = Math.max(sweeps, r.value);
  }
  for (const id of stalled) {
    const r = solveTwoSided(chain, systems[id]!.inG, options.maxSweeps ?? MAX_SWEEPS);
    if (!r.ok) return r;
    p[id] = r.value.p;
    sweeps = Math.max(sweeps, r.value.sweeps);
  }
  return ok({ p, solution, sweeps });
}
