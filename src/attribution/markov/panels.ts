// The layout of a block's systems (block.ts) in panels for the sweep kernels (sweep.ts): full
// panels of LANES systems, and the few left over either one by one or in a padded panel.

import type { MarkovChain } from './chain.js';
import { LANES, type PanelSweep } from './sweep.js';

/** Up to this many systems left over from full panels are swept one by one, not in a panel. */
const SINGLES = 2;

export interface Panel extends PanelSweep {
  /** Lanes: LANES or 1; lane l's value of state s is x[s·width + l]. */
  readonly width: number;
}

/** Where a lane's values come from: lane `lane` of `x`, laid out `width` lanes wide. */
export interface LaneSource {
  readonly x: Float64Array;
  readonly width: number;
  readonly lane: number;
}

/** Panel widths for n systems. */
export function layout(n: number): number[] {
  const widths = new Array<number>(Math.floor(n / LANES)).fill(LANES);
  const rest = n % LANES;
  if (rest > SINGLES) widths.push(LANES);
  else for (let i = 0; i < rest; i++) widths.push(1);
  return widths;
}

/** The panel and the lane within it of each lane, numbered panel by panel. */
export function laneIndex(panels: readonly Panel[]): {
  panelOf: Int32Array<ArrayBuffer>;
  laneOf: Int32Array<ArrayBuffer>;
} {
  const lanes = panels.reduce((n, p) => n + p.width, 0);
  const panelOf = new Int32Array(lanes);
  const laneOf = new Int32Array(lanes);
  let g = 0;
  panels.forEach((p, q) => {
    for (let l = 0; l < p.width; l++, g++) {
      panelOf[g] = q;
      laneOf[g] = l;
    }
  });
  return { panelOf, laneOf };
}

/**
 * Panels for n systems laid out by `layout(n)`: lane g holds the values `from[g]` and the NULL
 * states of channel `removed[g]` (−1: none). Padding lanes run a copy of the last system without
 * removals; their results are ignored.
 */
export function buildPanels(
  chain: MarkovChain,
  removed: readonly number[],
  from: readonly LaneSource[],
): Panel[] {
  const { size, rowPtr, col, prob, toConv, tuples, lengths, order, channels } = chain;
  const n = from.length;
  const panels: Panel[] = [];
  let g = 0;
  for (const width of layout(n)) {
    const x = new Float64Array(size * width);
    for (let l = 0; l < width; l++, g++) {
      const src = from[Math.min(g, n - 1)]!;
      const sw = src.width;
      const sx = src.x;
      for (let s = 0, i = l, j = src.lane; s < size; s++, i += width, j += sw) x[i] = sx[j]!;
    }
    panels.push({
      width,
      rowPtr,
      col,
      prob,
      toConv,
      removed: new Uint8Array(size),
      x,
      dx: new Float64Array(size * width),
      up: new Float64Array(width),
      down: new Float64Array(width),
    });
  }
  const { panelOf, laneOf } = laneIndex(panels);
  const byChannel = new Int32Array(channels.length).fill(-1);
  removed.forEach((c, lane) => {
    if (c >= 0) byChannel[c] = lane;
  });
  for (let s = 1; s < size; s++) {
    for (let t = 0; t < lengths[s]!; t++) {
      const lane = byChannel[tuples[s * order + t]!]!;
      if (lane >= 0) panels[panelOf[lane]!]!.removed[s]! |= 1 << laneOf[lane]!;
    }
  }
  return panels;
}

/** Lane `lane` of a panel's values, as one vector. */
export function laneValues(panel: Panel, lane: number): Float64Array {
  const { x, width } = panel;
  const size = x.length / width;
  const out = new Float64Array(size);
  for (let s = 0; s < size; s++) out[s] = x[s * width + lane]!;
  return out;
}
