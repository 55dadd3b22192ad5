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
// instead of two, which is what makes the speed-ups below safe:
// - Start: each removal starts from the full chain's solution (any start is valid).
// - Extrapolation: the increments of Gauss–Seidel soon decay like λ^n for one dominant λ (the
//   chance of one more step before absorption, ≈0.7 per sweep on the benchmark). When two
//   successive ratios of the largest increment agree to 0.2 %, x jumps by λ/(1 − λ) times its last
//   increment, which removes that mode's error (≈30 sweeps to 1e−12 instead of ≈95). Jumps need
//   no proof of their own: the next sweep's residual bounds whatever they produced.
// - All systems share the matrix: values are stored state-major, x[s·W + r], so one walk of the
//   CSR per sweep updates every system in one contiguous inner loop. A removed state is forced to
//   0 for its channel's system; a kept state outside G stays 0 by itself (no CONV transition, only
//   0-valued successors). Converged systems leave the block; memory is bounded by blocks.
// Rounding noise (≈1e−16 of the largest x) can hide a tiny x(START) from the residual bound; a
// system that stops improving is handed to the literal two-sided iteration (two-sided.ts).

import { ok, type Result } from '../../kernel/index.js';
import type { MarkovChain } from './chain.js';
import { MAX_SWEEPS, TOLERANCE, solveTwoSided } from './two-sided.js';

const BLOCK_BYTES = 128 * 1024 * 1024; // x and its copy: 16 bytes per state and system
/** A system whose bracket has not halved in this many sweeps goes to the two-sided iteration. */
const STALL = 40;

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

class Block {
  private width: number;
  private x: Float64Array;
  /** x before the last sweep. */
  private aux: Float64Array;
  private readonly colOf: Int32Array;
  private ids: number[];
  private lambda: Float64Array;
  private lastStep: Float64Array;
  private jumpBy: Float64Array;
  private lastJump: Float64Array;
  private lo: Float64Array;
  private hi: Float64Array;
  /** Bracket width when last halved, and the sweep it happened. */
  private mark: Float64Array;
  private markSweep: Float64Array;

  constructor(
    private readonly chain: MarkovChain,
    ids: number[],
    private readonly systems: readonly System[],
    private readonly options: SolveOptions,
  ) {
    const { size } = chain;
    const w = ids.length;
    this.ids = ids;
    this.width = w;
    this.x = new Float64Array(size * w);
    this.aux = new Float64Array(size * w);
    this.colOf = new Int32Array(chain.channels.length).fill(-1);
    ids.forEach((id, r) => {
      const sys = systems[id]!;
      if (sys.removed >= 0) this.colOf[sys.removed] = r;
      if (!options.start) return;
      for (let s = 0; s < size; s++) if (sys.inG[s]) this.x[s * w + r] = options.start[s]!;
    });
    this.lambda = new Float64Array(w);
    this.lastStep = new Float64Array(w);
    this.jumpBy = new Float64Array(w);
    this.lastJump = new Float64Array(w);
    this.lo = new Float64Array(w).fill(0);
    this.hi = new Float64Array(w).fill(1);
    this.mark = new Float64Array(w).fill(1);
    this.markSweep = new Float64Array(w);
  }

  run(p: Float64Array, solution: Float64Array[], stalled: number[]): Result<number, never> {
    const maxSweeps = this.options.maxSweeps ?? MAX_SWEEPS;
    const extrapolate = this.options.extrapolate ?? true;
    const t0 = this.options.time[0]!;
    for (let sweep = 1; sweep <= maxSweeps; sweep++) {
      if (extrapolate) this.aux.set(this.x);
      const { up, down } = this.sweep();
      const keep: number[] = [];
      for (let r = 0; r < this.width; r++) {
        const x0 = this.x[r]!;
        // λ = ratio of consecutive increments (largest change over all states); trusted when
        // two ratios in a row agree, i.e. one mode dominates the error.
        const step = up[r]! + down[r]!;
        const l = step / this.lastStep[r]!;
        this.jumpBy[r] = 0;
        if (sweep - this.lastJump[r]! >= 3 && Math.abs(l - this.lambda[r]!) <= 0.002 * l) {
          if (l > 0 && l < 0.99) this.jumpBy[r] = l / (1 - l);
        }
        this.lambda[r] = l;
        this.lastStep[r] = step;
        const lo = Math.max(this.lo[r]!, x0 - down[r]! * t0);
        const hi = Math.min(this.hi[r]!, x0 + up[r]! * t0);
        this.lo[r] = lo;
        this.hi[r] = hi;
        const id = this.ids[r]!;
        if (hi - lo <= TOLERANCE * hi) {
          p[id] = (lo + hi) / 2;
          if (this.options.keepSolution) solution[id] = this.column(r);
          continue;
        }
        if (hi - lo <= this.mark[r]! / 2) {
          this.mark[r] = hi - lo;
          this.markSweep[r] = sweep;
        } else if (sweep - this.markSweep[r]! > (this.options.stall ?? STALL)) {
          stalled.push(id);
          continue;
        }
        keep.push(r);
      }
      if (keep.length === 0) return ok(sweep);
      if (keep.length < this.width) this.repack(keep);
      if (extrapolate) this.jump(sweep);
    }
    // Whatever is left did not converge in time: the two-sided iteration reports it.
    stalled.push(...this.ids);
    return ok(maxSweeps);
  }

  /** One Gauss–Seidel sweep of every system; returns max(g − v)⁺ and max(v − g)⁺ per system. */
  private sweep(): { up: Float64Array; down: Float64Array } {
    const { size, rowPtr, col, prob, toConv, tuples, lengths, order } = this.chain;
    const x = this.x;
    const w = this.width;
    const acc = new Float64Array(w);
    const up = new Float64Array(w);
    const down = new Float64Array(w);
    for (let a = 0; a < size; a++) {
      acc.fill(toConv[a]!);
      const end = rowPtr[a + 1]!;
      for (let j = rowPtr[a]!; j < end; j++) {
        const pj = prob[j]!;
        const base = col[j]! * w;
        for (let r = 0; r < w; r++) acc[r]! += pj * x[base + r]!;
      }
      for (let t = 0; t < lengths[a]!; t++) {
        const r = this.colOf[tuples[a * order + t]!]!;
        if (r >= 0) acc[r] = 0; // removed: NULL in this system
      }
      const at = a * w;
      for (let r = 0; r < w; r++) {
        const d = acc[r]! - x[at + r]!;
        if (d > up[r]!) up[r] = d;
        else if (-d > down[r]!) down[r] = -d;
        x[at + r] = acc[r]!;
      }
    }
    return { up, down };
  }

  /** x += λ/(1 − λ)·(x − aux) for each system whose λ was trusted after this sweep. */
  private jump(sweep: number): void {
    const w = this.width;
    const f = this.jumpBy;
    let any = false;
    for (let r = 0; r < w; r++) {
      if (f[r]! > 0) {
        this.lastJump[r] = sweep;
        any = true;
      }
    }
    if (!any) return;
    const x = this.x;
    const aux = this.aux;
    for (let i = 0; i < x.length; i++) x[i] = x[i]! + (x[i]! - aux[i]!) * f[i % w]!;
  }

  private column(r: number): Float64Array {
    const { size } = this.chain;
    const out = new Float64Array(size);
    for (let s = 0; s < size; s++) out[s] = this.x[s * this.width + r]!;
    return out;
  }

  private repack(keep: number[]): void {
    const { size } = this.chain;
    const w = this.width;
    const k = keep.length;
    const x = new Float64Array(size * k);
    const aux = new Float64Array(size * k);
    for (let s = 0; s < size; s++) {
      for (let i = 0; i < k; i++) {
        x[s * k + i] = this.x[s * w + keep[i]!]!;
        aux[s * k + i] = this.aux[s * w + keep[i]!]!;
      }
    }
    const pick = (a: Float64Array) => Float64Array.from(keep, (r) => a[r]!);
    this.lambda = pick(this.lambda);
    this.lastStep = pick(this.lastStep);
    this.jumpBy = pick(this.jumpBy);
    this.lastJump = pick(this.lastJump);
    this.lo = pick(this.lo);
    this.hi = pick(this.hi);
    this.mark = pick(this.mark);
    this.markSweep = pick(this.markSweep);
    this.ids = keep.map((r) => this.ids[r]!);
    this.colOf.fill(-1);
    this.ids.forEach((id, r) => {
      const removed = this.systems[id]!.removed;
      if (removed >= 0) this.colOf[removed] = r;
    });
    this.x = x;
    this.aux = aux;
    this.width = k;
  }
}
