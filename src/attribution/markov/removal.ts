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

/**
 * G of the full chain and of every removal at once: bit c of state s's mask (W words of 32 bits
 * per state) is set when s reaches CONV without passing through a state that contains channel c,
 * bit `channels` when it reaches CONV at all. A monotone data-flow over the predecessor lists
 * (a state gains the bits of a successor that it keeps), so the masks settle after visiting each
 * edge a few times, instead of one breadth-first search per channel.
 */
export class Reach {
  readonly words: number;
  private readonly masks: Uint32Array;

  constructor(
    private readonly chain: MarkovChain,
    preds: Transpose,
  ) {
    const { size, order, tuples, lengths, toConv, channels } = chain;
    const w = (this.words = Math.ceil((channels.length + 1) / 32));
    const keep = new Uint32Array(size * w).fill(0xffffffff);
    for (let s = 1; s < size; s++) {
      for (let i = 0; i < lengths[s]!; i++) {
        const c = tuples[s * order + i]!;
        keep[s * w + (c >>> 5)]! &= ~(1 << (c & 31));
      }
    }
    const masks = (this.masks = new Uint32Array(size * w));
    const queued = new Uint8Array(size);
    // A ring of size + 1 slots: a state is queued at most once, so it never overflows.
    const queue = new Int32Array(size + 1);
    let head = 0;
    let tail = 0;
    for (let s = 0; s < size; s++) {
      if (!(toConv[s]! > 0)) continue;
      for (let i = 0; i < w; i++) masks[s * w + i] = keep[s * w + i]!;
      queue[tail++] = s;
      queued[s] = 1;
    }
    while (head !== tail) {
      const t = queue[head]!;
      head = head + 1 === queue.length ? 0 : head + 1;
      queued[t] = 0;
      for (let j = preds.ptr[t]!; j < preds.ptr[t + 1]!; j++) {
        const s = preds.from[j]!;
        let changed = false;
        for (let i = 0; i < w; i++) {
          const old = masks[s * w + i]!;
          const next = (old | (masks[t * w + i]! & keep[s * w + i]!)) >>> 0; // unsigned, as stored
          if (next !== old) {
            masks[s * w + i] = next;
            changed = true;
          }
        }
        if (changed && !queued[s]) {
          queued[s] = 1;
          queue[tail] = s;
          tail = tail + 1 === queue.length ? 0 : tail + 1;
        }
      }
    }
  }

  /** G with `channel` removed (−1: the full chain), as 1 per state. */
  inG(channel: number): Uint8Array {
    const { size, channels } = this.chain;
    const bit = channel < 0 ? channels.length : channel;
    const w = this.words;
    const word = bit >>> 5;
    const flag = 1 << (bit & 31);
    const out = new Uint8Array(size);
    for (let s = 0; s < size; s++) if (this.masks[s * w + word]! & flag) out[s] = 1;
    return out;
  }
}
