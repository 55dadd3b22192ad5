// Order-1 shortcut of §4.2: one matrix inversion gives p and every removal effect.
//
// T = START then the channels in code-unit order, Q = P on T, N = (I − Q)^−1. N[START,c]/N[c,c]
// is the probability of ever reaching c, and b(c) = (N·P(·,CONV))(c) that of converting from c;
// removing c loses exactly the conversions of the walks that reach c, so
// RE_c = (N[START,c]/N[c,c])·b(c)/p. A channel that is no state of the chain has an empty row and
// column: N[c,c] = 1, N[START,c] = 0, RE_c = 0.

import type { MarkovChain } from './chain.js';

/** Largest |T| for which the dense inversion is used. */
export const ORDER_ONE_LIMIT = 500;

export interface OrderOneSolution {
  readonly p: number;
  /** Per channel id of chain.channels. */
  readonly removalEffects: Float64Array;
}

export function solveOrderOne(chain: MarkovChain): OrderOneSolution {
  if (chain.order !== 1) throw new Error('solveOrderOne: order-1 chain expected');
  const channels = chain.channels.length;
  const n = channels + 1;
  // Row/column of each chain state in T: START → 0, channel c → 1 + c.
  const at = new Int32Array(chain.size);
  for (let s = 1; s < chain.size; s++) at[s] = 1 + chain.tuples[s]!;
  const a = new Float64Array(n * n); // I − Q
  const conv = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i * n + i] = 1;
  for (let s = 0; s < chain.size; s++) {
    const i = at[s]!;
    conv[i] = chain.toConv[s]!;
    for (let j = chain.rowPtr[s]!; j < chain.rowPtr[s + 1]!; j++) {
      a[i * n + at[chain.col[j]!]!]! -= chain.prob[j]!;
    }
  }
  const inv = invert(a, n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += inv[i * n + j]! * conv[j]!;
    b[i] = sum;
  }
  const p = b[0]!;
  const removalEffects = new Float64Array(channels);
  if (p > 0) {
    for (let c = 0; c < channels; c++) {
      const i = c + 1;
      const re = ((inv[i]! / inv[i * n + i]!) * b[i]!) / p;
      removalEffects[c] = Math.min(1, Math.max(0, re));
    }
  }
  return { p, removalEffects };
}

/** Gauss–Jordan with partial pivoting; `a` (row-major n×n) is consumed. Throws if singular. */
export function invert(a: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(a[r * n + col]!) > Math.abs(a[pivot * n + col]!)) pivot = r;
    }
    const pv = a[pivot * n + col]!;
    if (pv === 0) throw new Error('invert: singular matrix');
    if (pivot !== col) {
      swapRows(a, n, pivot, col);
      swapRows(inv, n, pivot, col);
    }
    for (let j = 0; j < n; j++) {
      a[col * n + j]! /= pv;
      inv[col * n + j]! /= pv;
    }
    for (let r = 0; r < n; r++) {
      const f = a[r * n + col]!;
      if (r === col || f === 0) continue;
      for (let j = 0; j < n; j++) {
        a[r * n + j]! -= f * a[col * n + j]!;
        inv[r * n + j]! -= f * inv[col * n + j]!;
      }
    }
  }
  return inv;
}

function swapRows(m: Float64Array, n: number, i: number, j: number): void {
  for (let k = 0; k < n; k++) {
    const t = m[i * n + k]!;
    m[i * n + k] = m[j * n + k]!;
    m[j * n + k] = t;
  }
}
