// A block of systems solved together by solveBracketed (gauss-seidel.ts, which holds the proof):
// the sweeps (sweep.ts), each system's bracket, extrapolation and stall watch, and the repacking
// of the systems still running into panels (panels.ts) as others finish.

import { ok, type Result } from '../../kernel/index.js';
import type { MarkovChain } from './chain.js';
import type { SolveOptions, System } from './gauss-seidel.js';
import {
  buildPanels,
  laneIndex,
  laneValues,
  layout,
  type LaneSource,
  type Panel,
} from './panels.js';
import { LANES, startValues, sweepPanel, sweepSingle } from './sweep.js';
import { MAX_SWEEPS, TOLERANCE } from './two-sided.js';

/** A system whose largest increment has not halved in this many sweeps goes to the two-sided
 * iteration. */
export const STALL = 40;

/** Per-lane bookkeeping of the systems (see run). */
type LaneState = Record<
  'lambda' | 'trusted' | 'lastStep' | 'jumpBy' | 'lastJump' | 'lo' | 'hi' | 'mark' | 'markSweep',
  Float64Array<ArrayBuffer>
>;

export class Block {
  /** System id of each lane; −1 for padding and finished lanes. */
  private ids: number[] = [];
  /** Panel and lane within it of each lane. */
  private panelOf = new Int32Array(0);
  private laneOf = new Int32Array(0);
  private panels: Panel[] = [];
  private lambda = new Float64Array(0);
  /** The last λ trusted for a jump (0: none yet). */
  private trusted = new Float64Array(0);
  private lastStep = new Float64Array(0);
  private jumpBy = new Float64Array(0);
  private lastJump = new Float64Array(0);
  private lo = new Float64Array(0);
  private hi = new Float64Array(0);
  /** Largest increment when last halved, and the sweep it happened. */
  private mark = new Float64Array(0);
  private markSweep = new Float64Array(0);

  constructor(
    private readonly chain: MarkovChain,
    ids: readonly number[],
    private readonly systems: readonly System[],
    private readonly options: SolveOptions,
  ) {
    const n = ids.length;
    this.pack(
      ids,
      ids.map((id) => ({ x: this.startColumn(id), width: 1, lane: 0 })),
      {
        lambda: new Float64Array(n),
        trusted: new Float64Array(n),
        lastStep: new Float64Array(n),
        jumpBy: new Float64Array(n),
        lastJump: new Float64Array(n),
        lo: new Float64Array(n).fill(0),
        hi: new Float64Array(n).fill(1),
        mark: new Float64Array(n).fill(Infinity),
        markSweep: new Float64Array(n),
      },
    );
  }

  run(p: Float64Array, solution: Float64Array[], stalled: number[]): Result<number, never> {
    const maxSweeps = this.options.maxSweeps ?? MAX_SWEEPS;
    const extrapolate = this.options.extrapolate ?? true;
    const stall = this.options.stall ?? STALL;
    // Σ_b P(START,b)·t(b) ≤ t(START) − 1, as (I − Q)·t ≥ 1 holds at START too.
    const tau = this.options.time[0]! - 1;
    for (let sweep = 1; sweep <= maxSweeps; sweep++) {
      for (let q = 0, first = 0; q < this.panels.length; first += this.panels[q]!.width, q++) {
        const panel = this.panels[q]!;
        panel.up.fill(0);
        panel.down.fill(0);
        if (panel.width === 1) sweepSingle(panel);
        else sweepPanel(panel);
        // x(START) only when some lane's bracket could now be narrow enough.
        for (let l = 0; l < panel.width; l++) {
          if ((panel.up[l]! + panel.down[l]!) * tau <= TOLERANCE * this.hi[first + l]!) {
            startValues(panel, panel.width);
            break;
          }
        }
      }
      const keep: number[] = [];
      for (let g = 0; g < this.ids.length; g++) {
        const id = this.ids[g]!;
        if (id < 0) continue;
        const panel = this.panels[this.panelOf[g]!]!;
        const lane = this.laneOf[g]!;
        const up = panel.up[lane]!;
        const down = panel.down[lane]!;
        // λ = ratio of consecutive increments (largest change over all states); trusted when
        // two ratios in a row agree, i.e. one mode dominates the error.
        const step = up + down;
        const l = step / this.lastStep[g]!;
        this.jumpBy[g] = 0;
        if (sweep - this.lastJump[g]! >= 3) {
          const trusted = this.trusted[g]!;
          let by = 0;
          if (Math.abs(l - this.lambda[g]!) <= 0.002 * l && l > 0 && l < 0.99) {
            by = this.trusted[g] = l;
          } else if (trusted > 0 && Math.abs(l - trusted) <= 0.05 * trusted) by = trusted;
          if (by > 0) this.jumpBy[g] = by / (1 - by);
        }
        this.lambda[g] = l;
        this.lastStep[g] = step;
        if (step * tau <= TOLERANCE * this.hi[g]!) {
          const x0 = panel.x[lane]!; // computed by startValues this sweep
          const lo = Math.max(this.lo[g]!, x0 - down * tau);
          const hi = Math.min(this.hi[g]!, x0 + up * tau);
          this.lo[g] = lo;
          this.hi[g] = hi;
          if (hi - lo <= TOLERANCE * hi) {
            p[id] = (lo + hi) / 2;
            if (this.options.keepSolution) solution[id] = this.column(g);
            this.finish(g);
            continue;
          }
        }
        // A system whose increments stop shrinking is lost in rounding noise.
        if (step <= this.mark[g]! / 2) {
          this.mark[g] = step;
          this.markSweep[g] = sweep;
        } else if (sweep - this.markSweep[g]! > stall) {
          stalled.push(id);
          this.finish(g);
          continue;
        }
        keep.push(g);
      }
      if (keep.length === 0) return ok(sweep);
      if (extrapolate) this.jump(sweep);
      this.repackFor(keep);
    }
    // Whatever is left did not converge in time: the two-sided iteration reports it.
    for (const id of this.ids) if (id >= 0) stalled.push(id);
    return ok(maxSweeps);
  }

  private finish(g: number): void {
    this.ids[g] = -1;
    this.jumpBy[g] = 0;
  }

  /** x += λ/(1 − λ)·(last increment) for each system whose λ was trusted after this sweep. */
  private jump(sweep: number): void {
    let g = 0;
    for (const { x, dx, width } of this.panels) {
      const f = this.jumpBy.subarray(g, g + width);
      let any = false;
      for (let l = 0; l < width; l++) {
        if (f[l]! > 0) {
          this.lastJump[g + l] = sweep;
          any = true;
        }
      }
      g += width;
      if (!any) continue;
      if (width === 1) {
        const f0 = f[0]!;
        for (let i = 0; i < x.length; i++) x[i] = x[i]! + dx[i]! * f0;
      } else {
        for (let i = 0; i < x.length; i++) x[i] = x[i]! + dx[i]! * f[i & (LANES - 1)]!;
      }
    }
  }

  /**
   * After some systems finished: repacks the running ones `keep` (lanes) when they fit in fewer
   * panels of 8 (copying their values), else only drops the panels with no running lane.
   */
  private repackFor(keep: number[]): void {
    const full = (widths: readonly number[]) => widths.filter((w) => w === LANES).length;
    const pick = (lanes: readonly number[]) => (a: Float64Array) =>
      Float64Array.from(lanes, (g) => a[g]!);
    const state = (lanes: readonly number[]) => {
      const of = pick(lanes);
      return {
        lambda: of(this.lambda),
        trusted: of(this.trusted),
        lastStep: of(this.lastStep),
        jumpBy: of(this.jumpBy),
        lastJump: of(this.lastJump),
        lo: of(this.lo),
        hi: of(this.hi),
        mark: of(this.mark),
        markSweep: of(this.markSweep),
      };
    };
    if (full(layout(keep.length)) < full(this.panels.map((p) => p.width))) {
      this.pack(
        keep.map((g) => this.ids[g]!),
        keep.map((g) => {
          const panel = this.panels[this.panelOf[g]!]!;
          return { x: panel.x, width: panel.width, lane: this.laneOf[g]! };
        }),
        state(keep),
      );
      return;
    }
    const running = new Uint8Array(this.panels.length);
    for (const g of keep) running[this.panelOf[g]!] = 1;
    if (running.every((r) => r === 1)) return;
    const lanes: number[] = [];
    for (let g = 0; g < this.ids.length; g++) if (running[this.panelOf[g]!]) lanes.push(g);
    const kept = state(lanes);
    this.ids = lanes.map((g) => this.ids[g]!);
    this.panels = this.panels.filter((_, q) => running[q]);
    this.index();
    this.setState(kept);
  }

  /** panelOf and laneOf for the panels in order. */
  private index(): void {
    ({ panelOf: this.panelOf, laneOf: this.laneOf } = laneIndex(this.panels));
  }

  /** Lays out systems `ids` in panels with values from `from` and bookkeeping `state`. */
  private pack(ids: readonly number[], from: readonly LaneSource[], state: LaneState): void {
    this.panels = buildPanels(
      this.chain,
      ids.map((id) => this.systems[id]!.removed),
      from,
    );
    this.index();
    const lanes = this.panelOf.length;
    this.ids = [...ids, ...new Array<number>(lanes - ids.length).fill(-1)];
    const grow = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(lanes);
      b.set(a);
      return b;
    };
    this.setState({
      lambda: grow(state.lambda),
      trusted: grow(state.trusted),
      lastStep: grow(state.lastStep),
      jumpBy: grow(state.jumpBy),
      lastJump: grow(state.lastJump),
      lo: grow(state.lo),
      hi: grow(state.hi),
      mark: grow(state.mark),
      markSweep: grow(state.markSweep),
    });
  }

  private setState(state: LaneState): void {
    this.lambda = state.lambda;
    this.trusted = state.trusted;
    this.lastStep = state.lastStep;
    this.jumpBy = state.jumpBy;
    this.lastJump = state.lastJump;
    this.lo = state.lo;
    this.hi = state.hi;
    this.mark = state.mark;
    this.markSweep = state.markSweep;
  }

  /** The start vector of system `id`: options.start on its G, 0 elsewhere. */
  private startColumn(id: number): Float64Array {
    const { size } = this.chain;
    const out = new Float64Array(size);
    const start = this.options.start;
    if (!start) return out;
    const inG = this.systems[id]!.inG;
    for (let s = 0; s < size; s++) if (inG[s]) out[s] = start[s]!;
    return out;
  }

  /** The current values of lane g's system. */
  private column(g: number): Float64Array {
    return laneValues(this.panels[this.panelOf[g]!]!, this.laneOf[g]!);
  }
}
