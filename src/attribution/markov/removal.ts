// Removal sets of §4.2: removing channel c turns every state whose tuple contains c into NULL.
// G_c = the states that still reach CONV without passing through a removed state; x_c = 0 off G_c.

import type { MarkovChain } from './chain.js';

/** 1 for each state whose tuple contains `channel` (START never does). */
export function removedStates(chain: MarkovChain, channel: number): Uint8Array {
  const { size, order, tuples, lengths } = chain;
  const removed = new Uint8Array(size);
  for (let s = 1; s < size; s++) {
    const len = lengths[s]!;
    for (let i = 0; i < len; i++) {
      if (tuples[s * order + i] === channel) {
        removed[s] = 1;
        break;
      }
    }
  }
  return removed;
}

/** Predecessor lists (transpose of the CSR), for reverse searches. */
export interface Transpose {
  readonly ptr: Int32Array;
  readonly from: Int32Array;
}

export function transpose(chain: MarkovChain): Transpose {
  const { size, rowPtr, col } = chain;
  const ptr = new Int32Array(size + 1);
  for (const t of col) ptr[t + 1]!++;
  for (let s = 0; s < size; s++) ptr[s + 1]! += ptr[s]!;
  const fill = ptr.slice(0, size);
  const from = new Int32Array(col.length);
  for (let s = 0; s < size; s++) {
    for (let j = rowPtr[s]!; j < rowPtr[s + 1]!; j++) from[fill[col[j]!]!++] = s;
  }
  return { ptr, from };
}

/**
 * G: states from which CONV is reachable through kept states only (reverse breadth-first search
 * from the kept states with a positive P(·, CONV)). `removed` may be undefined (the full chain).
 */
export function reachesConversion(
  chain: MarkovChain,
  preds: Transpose,
  removed: Uint8Array | undefined,
): Uint8Array {
  const { size, toConv } = chain;
  const inG = new Uint8Array(size);
  const queue = new Int32Array(size);
  let tail = 0;
  for (let s = 0; s < size; s++) {
    if (toConv[s]! > 0 && !removed?.[s]) {
      inG[s] = 1;
      queue[tail++] = s;
    }
  }
  for (let head = 0; head < tail; head++) {
    const t = queue[head]!;
    for (let j = preds.ptr[t]!; j < preds.ptr[t + 1]!; j++) {
      const s = preds.from[j]!;
      if (inG[s] || removed?.[s]) continue;
      inG[s] = 1;
      queue[tail++] = s;
    }
  }
  return inG;
}
