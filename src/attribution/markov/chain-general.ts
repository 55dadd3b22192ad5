// The general builder of the chain (chain.ts): every transition occurrence is collected, counting-
// sorted by source state (stable: row order within a source) and merged per target, so any order
// and channel count works. chain-dense.ts is the faster path when the chain is small enough.

import type { PathSet } from '../paths/path-set.js';
import type { MarkovChain } from './chain.js';
import { numberStates } from './kgrams.js';
import { StateIndex } from './state-index.js';

const SMALL_ROW = 16;

/** Any chain: transitions collected per row, counting-sorted by source, then merged. */
export function buildGeneral(paths: PathSet, order: number, useNulls: boolean): MarkovChain {
  const { offsets, steps, conversions, nulls } = paths;
  const k = order;
  const index = new StateIndex(paths.channels.length, k);
  // Deduplicated provisional state sequence of row r: seq[offsets[r] .. offsets[r] + seqLen[r]).
  const seq = new Int32Array(steps.length);
  const seqLen = new Int32Array(paths.size);
  let transitions = 0;
  for (let r = 0; r < paths.size; r++) {
    const w = useNulls ? conversions[r]! + nulls[r]! : conversions[r]!;
    if (w === 0) continue; // §4.2: skip w = 0
    const start = offsets[r]!;
    const len = offsets[r + 1]! - start;
    let n = 0;
    if (len < k) {
      seq[start] = index.id(index.code(steps, start, len), steps, start, len);
      n = 1;
    } else {
      let prev: number | string = -1;
      for (let j = 0; j + k <= len; j++) {
        const code = index.code(steps, start + j, k);
        if (code === prev) continue; // a state equal to its predecessor is dropped
        prev = code;
        seq[start + n++] = index.id(code, steps, start + j, k);
      }
    }
    seqLen[r] = n;
    transitions += n; // START → s1 and s_j → s_j+1
  }

  // Canonical numbering: START = 0, then states in key order.
  const { size, canon, tuples, lengths } = numberStates(
    index.tuples,
    index.lengths,
    index.size,
    k,
    paths.channels,
  );

  // Counting sort of transition occurrences by source state (stable: row order within a source).
  const outCount = new Int32Array(size + 1);
  const toConvW = new Float64Array(size);
  const toNullW = new Float64Array(size);
  for (let r = 0; r < paths.size; r++) {
    const n = seqLen[r]!;
    if (n === 0) continue;
    const start = offsets[r]!;
    outCount[1]!++; // START
    for (let j = 0; j < n; j++) {
      const s = canon[seq[start + j]!]!;
      seq[start + j] = s;
      if (j + 1 < n) outCount[s + 1]!++;
      else {
        toConvW[s]! += conversions[r]!;
        if (useNulls) toNullW[s]! += nulls[r]!;
      }
    }
  }
  for (let s = 0; s < size; s++) outCount[s + 1]! += outCount[s]!;
  const fill = outCount.slice(0, size);
  const eTo = new Int32Array(transitions);
  const eW = new Float64Array(transitions);
  for (let r = 0; r < paths.size; r++) {
    const n = seqLen[r]!;
    if (n === 0) continue;
    const start = offsets[r]!;
    const w = useNulls ? conversions[r]! + nulls[r]! : conversions[r]!;
    let from = 0;
    for (let j = 0; j < n; j++) {
      const to = seq[start + j]!;
      const at = fill[from]!++;
      eTo[at] = to;
      eW[at] = w;
      from = to;
    }
  }
  return aggregate(paths.channels, k, useNulls, size, tuples, lengths, outCount, eTo, eW, {
    toConvW,
    toNullW,
  });
}

/** Merges each source's occurrences into distinct ascending columns and row-normalises. */
function aggregate(
  channels: readonly string[],
  order: number,
  useNulls: boolean,
  size: number,
  tuples: Int32Array,
  lengths: Uint8Array,
  bucket: Int32Array,
  eTo: Int32Array,
  eW: Float64Array,
  ends: { toConvW: Float64Array; toNullW: Float64Array },
): MarkovChain {
  const mark = new Int32Array(size).fill(-1);
  const scratch = new Float64Array(size);
  const rowPtr = new Int32Array(size + 1);
  let total = 0;
  // In place: the merged row starts at its bucket's start and is never longer than the bucket.
  for (let s = 0; s < size; s++) {
    const b0 = bucket[s]!;
    const b1 = bucket[s + 1]!;
    let wp = b0;
    for (let i = b0; i < b1; i++) {
      const t = eTo[i]!;
      const m = mark[t]!;
      if (m < 0) {
        mark[t] = wp;
        eTo[wp] = t;
        eW[wp] = eW[i]!;
        wp++;
      } else eW[m]! += eW[i]!; // summed in row order: canonical
    }
    for (let i = b0; i < wp; i++) mark[eTo[i]!] = -1;
    sortRow(eTo, eW, b0, wp, scratch);
    rowPtr[s + 1] = rowPtr[s]! + (wp - b0);
    total += wp - b0;
  }
  const col = new Int32Array(total);
  const prob = new Float64Array(total);
  const toConv = new Float64Array(size);
  const toNull = new Float64Array(size);
  for (let s = 0; s < size; s++) {
    const b0 = bucket[s]!;
    const len = rowPtr[s + 1]! - rowPtr[s]!;
    let out = 0;
    for (let i = 0; i < len; i++) out += eW[b0 + i]!;
    out += ends.toConvW[s]!;
    if (useNulls) out += ends.toNullW[s]!;
    if (out === 0) continue; // a state with no outgoing weight cannot exist (w > 0 rows only)
    const p0 = rowPtr[s]!;
    for (let i = 0; i < len; i++) {
      col[p0 + i] = eTo[b0 + i]!;
      prob[p0 + i] = eW[b0 + i]! / out;
    }
    toConv[s] = ends.toConvW[s]! / out;
    toNull[s] = useNulls ? ends.toNullW[s]! / out : 0;
  }
  return {
    order,
    useNulls,
    channels,
    size,
    tuples,
    lengths,
    rowPtr,
    col,
    prob,
    toConv,
    toNull,
  };
}

/** Sorts entries [b0, b1) by column; `scratch` (one slot per state) carries weights for long rows. */
function sortRow(eTo: Int32Array, eW: Float64Array, b0: number, b1: number, scratch: Float64Array) {
  if (b1 - b0 <= SMALL_ROW) {
    for (let i = b0 + 1; i < b1; i++) {
      const t = eTo[i]!;
      const w = eW[i]!;
      let j = i - 1;
      while (j >= b0 && eTo[j]! > t) {
        eTo[j + 1] = eTo[j]!;
        eW[j + 1] = eW[j]!;
        j--;
      }
      eTo[j + 1] = t;
      eW[j + 1] = w;
    }
    return;
  }
  for (let i = b0; i < b1; i++) scratch[eTo[i]!] = eW[i]!;
  eTo.subarray(b0, b1).sort();
  for (let i = b0; i < b1; i++) eW[i] = scratch[eTo[i]!]!;
}
