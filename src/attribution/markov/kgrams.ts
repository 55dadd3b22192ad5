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

/** The spec's state key, for display and tests. */
export function stateKey(names: readonly string[]): string {
  return JSON.stringify(names);
}
