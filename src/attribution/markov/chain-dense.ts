// The fast builder of the chain (chain.ts), for chains small enough: a k-gram state (c1 … ck) can
// only move to (c2 … ck, d), so its outgoing weights are a dense row over the next channel d, and
// one pass over the paths adds every transition into place (no list of occurrences to sort).
// Weights are added in row order and, within a row, in position order, as the general builder
// (chain-general.ts) sums them, and each row is normalised over its columns in ascending order:
// the chain is bit-identical to the general one's.

import type { PathSet } from '../paths/path-set.js';
import type { MarkovChain } from './chain.js';
import { numberStates } from './kgrams.js';
import { StateIndex } from './state-index.js';

/**
 * Most dense weights (states × channels) this builder allocates: 8 MB, so that the rows stay in
 * cache; past that, the random writes into them cost more than the general builder's sort.
 */
const MAX_WEIGHTS = 1024 * 1024;

/** The chain, or undefined when it does not fit this builder (then use buildGeneral). */
export function buildDense(
  paths: PathSet,
  order: number,
  useNulls: boolean,
): MarkovChain | undefined {
  const { offsets, steps, conversions, nulls } = paths;
  const k = order;
  const c = paths.channels.length;
  const index = new StateIndex(c, k);
  if (!index.exact) return undefined;
  const base = c + 1;
  const top = base ** (k - 1); // weight of a window's last digit
  let capacity = 256;
  let weights = new Float64Array(capacity * c); // [state · c + d]: to (c2 … ck, d)
  let fromStart = new Float64Array(capacity);
  let toConvW = new Float64Array(capacity);
  let toNullW = new Float64Array(capacity);
  for (let r = 0; r < paths.size; r++) {
    const w = useNulls ? conversions[r]! + nulls[r]! : conversions[r]!;
    if (w === 0) continue; // §4.2: skip w = 0
    const start = offsets[r]!;
    const len = offsets[r + 1]! - start;
    let from: number;
    if (len < k) {
      let code = 0;
      for (let i = len - 1; i >= 0; i--) code = code * base + steps[start + i]! + 1;
      from = index.id(code, steps, start, len);
      if (from >= capacity) {
        if ((capacity *= 2) * c > MAX_WEIGHTS) return undefined;
        ({ weights, fromStart, toConvW, toNullW } = grown(
          capacity,
          c,
          weights,
          fromStart,
          toConvW,
          toNullW,
        ));
      }
      fromStart[from]! += w;
    } else {
      // code(window j) = Σ (steps[j + i] + 1)·base^i, rolled from one window to the next.
      let code = 0;
      for (let i = k - 1; i >= 0; i--) code = code * base + steps[start + i]! + 1;
      from = -1;
      let prev = -1;
      for (let j = 0; ; j++) {
        if (code !== prev) {
          // A state equal to its predecessor is dropped.
          const id = index.id(code, steps, start + j, k);
          if (id >= capacity) {
            if ((capacity *= 2) * c > MAX_WEIGHTS) return undefined;
            ({ weights, fromStart, toConvW, toNullW } = grown(
              capacity,
              c,
              weights,
              fromStart,
              toConvW,
              toNullW,
            ));
          }
          if (from < 0) fromStart[id]! += w;
          else weights[from * c + steps[start + j + k - 1]!]! += w;
          from = id;
          prev = code;
        }
        if (j + k >= len) break;
        code = (code - steps[start + j]! - 1) / base + (steps[start + j + k]! + 1) * top;
      }
    }
    toConvW[from]! += conversions[r]!;
    if (useNulls) toNullW[from]! += nulls[r]!;
  }

  const count = index.size;
  const { size, canon, byKey, tuples, lengths } = numberStates(
    index.tuples,
    index.lengths,
    count,
    k,
    paths.channels,
  );
  // Rows in canonical order, columns ascending: START's are the visited states in order; a
  // state's are its successors (c2 … ck, d) sorted by their numbers.
  const rowPtr = new Int32Array(size + 1);
  let edges = 0;
  for (let s = 1; s < size; s++) if (fromStart[byKey[s - 1]!]! > 0) edges++;
  rowPtr[1] = edges;
  const colBuf: number[] = [];
  const wBuf: number[] = [];
  for (let s = 1; s < size; s++) {
    const p = byKey[s - 1]!;
    let n = 0;
    if (lengths[s] === k) for (let d = 0; d < c; d++) if (weights[p * c + d]! > 0) n++;
    edges += n;
    rowPtr[s + 1] = edges;
  }
  const col = new Int32Array(edges);
  const prob = new Float64Array(edges);
  const toConv = new Float64Array(size);
  const toNull = new Float64Array(size);
  // START.
  {
    let at = 0;
    let out = 0;
    for (let s = 1; s < size; s++) {
      const wt = fromStart[byKey[s - 1]!]!;
      if (wt > 0) {
        col[at] = s;
        prob[at++] = wt;
        out += wt;
      }
    }
    for (let i = 0; i < at; i++) prob[i] = prob[i]! / out;
  }
  for (let s = 1; s < size; s++) {
    const p = byKey[s - 1]!;
    const p0 = rowPtr[s]!;
    const n = rowPtr[s + 1]! - p0;
    colBuf.length = 0;
    wBuf.length = 0;
    if (n > 0) {
      // The successor's code: drop the first digit, append d.
      let rest = 0;
      for (let i = k - 1; i >= 1; i--) rest = rest * base + tuples[s * k + i]! + 1;
      for (let d = 0; d < c; d++) {
        const wt = weights[p * c + d]!;
        if (!(wt > 0)) continue;
        const target = canon[index.find(rest + (d + 1) * top)]!;
        // Insertion by target number (rows hold at most `c` entries).
        let i = colBuf.length;
        colBuf.push(target);
        wBuf.push(wt);
        while (i > 0 && colBuf[i - 1]! > target) {
          colBuf[i] = colBuf[i - 1]!;
          wBuf[i] = wBuf[i - 1]!;
          i--;
        }
        colBuf[i] = target;
        wBuf[i] = wt;
      }
    }
    let out = 0;
    for (let i = 0; i < n; i++) out += wBuf[i]!;
    out += toConvW[p]!;
    if (useNulls) out += toNullW[p]!;
    if (out === 0) continue; // a state with no outgoing weight cannot exist (w > 0 rows only)
    for (let i = 0; i < n; i++) {
      col[p0 + i] = colBuf[i]!;
      prob[p0 + i] = wBuf[i]! / out;
    }
    toConv[s] = toConvW[p]! / out;
    toNull[s] = useNulls ? toNullW[p]! / out : 0;
  }
  return {
    order,
    useNulls,
    channels: paths.channels,
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

function grown(
  capacity: number,
  c: number,
  weights: Float64Array,
  fromStart: Float64Array,
  toConvW: Float64Array,
  toNullW: Float64Array,
) {
  const copy = (a: Float64Array, n: number) => {
    const b = new Float64Array(n);
    b.set(a);
    return b;
  };
  return {
    weights: copy(weights, capacity * c),
    fromStart: copy(fromStart, capacity),
    toConvW: copy(toConvW, capacity),
    toNullW: copy(toNullW, capacity),
  };
}
