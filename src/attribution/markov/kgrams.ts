// k-gram states of the Markov model (ATTRIBUTION.md §4.2) and their canonical order.
//
// A state is a tuple of channel ids: the k consecutive channels of the raw path, or the whole path
// when it is shorter than k. The spec orders states by `JSON.stringify(tuple of names)` in
// code-unit order; `stateOrder` reproduces that order from integer tuples without building the
// strings (see `compareTuples`).

import { cmp } from '../../kernel/index.js';

/** The k-gram states of one path (§4.2): windows of the raw path, each repeat of its predecessor dropped. */
export function kgrams<T>(path: readonly T[], k: number): T[][] {
  const windows: T[][] =
    path.length < k
      ? [path.slice()]
      : Array.from({ length: path.length - k + 1 }, (_, j) => path.slice(j, j + k));
  const out: T[][] = [];
  for (const w of windows) {
    const prev = out[out.length - 1];
    if (prev?.length === w.length && prev.every((x, i) => x === w[i])) continue;
    out.push(w);
  }
  return out;
}

/**
 * Rank of each channel in the order of its JSON string literal. The key of a tuple is
 * `[` + q(t1) + `,` + q(t2) … + `]` with q = JSON.stringify: the q strings are prefix-free (a `"`
 * inside one is always escaped), so two keys first differ inside the first differing q, and the
 * tuples compare as their q's do. When one tuple is a prefix of the other, the shorter key has `]`
 * (0x5D) where the longer has `,` (0x2C): the shorter tuple sorts after the longer one.
 */
export function keyRanks(channels: readonly string[]): Int32Array {
  const quoted = channels.map((c) => JSON.stringify(c));
  const order = channels.map((_, i) => i).sort((a, b) => cmp(quoted[a]!, quoted[b]!));
  const rank = new Int32Array(channels.length);
  order.forEach((id, r) => (rank[id] = r));
  return rank;
}

/**
 * Compares tuples a and b (channel ids in `tuples` at stride k, lengths in `lengths`) in the
 * code-unit order of their JSON keys (see keyRanks).
 */
export function compareTuples(
  tuples: Int32Array,
  lengths: Uint8Array,
  k: number,
  rank: Int32Array,
  a: number,
  b: number,
): number {
  const la = lengths[a]!;
  const lb = lengths[b]!;
  const m = la < lb ? la : lb;
  for (let i = 0; i < m; i++) {
    const d = rank[tuples[a * k + i]!]! - rank[tuples[b * k + i]!]!;
    if (d !== 0) return d;
  }
  return lb - la; // the longer tuple first (`,` < `]`)
}

/** Transient states numbered canonically: START = 0, then the k-gram states in key order. */
export interface StateNumbering {
  readonly size: number;
  /** Canonical number of each interned (provisional) state. */
  readonly canon: Int32Array;
  /** Provisional state of canonical number s + 1. */
  readonly byKey: Int32Array;
  /** State s's tuple is tuples[s·k .. s·k + lengths[s]) (START: length 0). */
  readonly tuples: Int32Array;
  readonly lengths: Uint8Array;
}

/**
 * Numbers `count` interned states (tuples at stride k) in key order. Each tuple becomes a number
 * with one base-(C + 1) digit per position, the channel's rank or C past the tuple's end (so a
 * tuple sorts after its extensions, as compareTuples orders them), with the state's index in the
 * low bits: one native numeric sort instead of a comparator sort when that fits in a double.
 */
export function numberStates(
  tuples: Int32Array,
  lengths: Uint8Array,
  count: number,
  k: number,
  channels: readonly string[],
): StateNumbering {
  const rank = keyRanks(channels);
  const c = channels.length;
  const base = c + 1;
  const scale = 2 ** Math.max(1, Math.ceil(Math.log2(count + 1)));
  let byKey: Int32Array;
  if (base ** k * scale <= 2 ** 53) {
    const keys = new Float64Array(count);
    for (let p = 0; p < count; p++) {
      const len = lengths[p]!;
      let key = 0;
      for (let i = 0; i < k; i++) key = key * base + (i < len ? rank[tuples[p * k + i]!]! : c);
      keys[p] = key * scale + p;
    }
    keys.sort();
    byKey = Int32Array.from(keys, (x) => x % scale);
  } else {
    byKey = Int32Array.from({ length: count }, (_, i) => i).sort((a, b) =>
      compareTuples(tuples, lengths, k, rank, a, b),
    );
  }
  const size = count + 1;
  const canon = new Int32Array(count);
  const out = new Int32Array(size * k);
  const outLengths = new Uint8Array(size);
  for (let i = 0; i < count; i++) {
    const old = byKey[i]!;
    canon[old] = i + 1;
    outLengths[i + 1] = lengths[old]!;
    for (let j = 0; j < k; j++) out[(i + 1) * k + j] = tuples[old * k + j]!;
  }
  return { size, canon, byKey, tuples: out, lengths: outLengths };
}

/** The spec's state key, for display and tests. */
export function stateKey(names: readonly string[]): string {
  return JSON.stringify(names);
}
