// Shapley values of the players of one converting set S under v(T) = conversion rate of T
// (ATTRIBUTION.md §4.4 steps 2 and 4): exact by the subset formula, or estimated from random orders.

import { mulberry32 } from '../../kernel/index.js';
import type { ChannelSets } from './channel-sets.js';
import { SetTrie } from './set-trie.js';

/** Largest set whose 2^m subset values are tabulated (8 MiB of float64 at m = 20). */
export const DENSE_LIMIT = 20;

/** v(T) for all subsets of one set at a time, from a trie of the observed sets. */
export class SubsetTable {
  private v = new Float64Array(0);
  private readonly trie: SetTrie;

  constructor(private readonly sets: ChannelSets) {
    this.trie = new SetTrie(sets);
  }

  /**
   * v(T) for every T ⊆ S = set s, indexed by T's mask over S's members (bit k = k-th member in id
   * order); 0 for unobserved subsets and ∅. The returned array is reused by the next call.
   */
  fill(s: number): Float64Array {
    const sets = this.sets;
    const m = sets.sizeOf(s);
    if (m > DENSE_LIMIT) throw new RangeError(`SubsetTable: ${m} members exceed ${DENSE_LIMIT}`);
    const size = 2 ** m;
    if (this.v.length < size) this.v = new Float64Array(size);
    const v = this.v;
    v.fill(0, 0, size);
    sets.focus(s);
    this.trie.rates(sets.members, sets.offsets[s]!, m, sets.local, v);
    sets.unfocus(s);
    return v;
  }
}

/** 1 / (m · C(m − 1, t)) = t!(m − t − 1)!/m!, the weight of a coalition of size t, for t < m. */
function computeWeights(m: number): Float64Array {
  const binom = new Float64Array(m).fill(0);
  binom[0] = 1;
  for (let n = 1; n < m; n++) for (let k = n; k > 0; k--) binom[k] = binom[k]! + binom[k - 1]!;
  return binom.map((b) => 1 / (m * b));
}

// Per set size, computed once: a portal has ~10^5 converting sets of ≤ 20 sizes.
const WEIGHTS: Float64Array[] = [];
const coalitionWeights = (m: number): Float64Array => (WEIGHTS[m] ??= computeWeights(m));

/**
 * Exact φ_j = Σ_{T ⊆ S∖{j}} w(|T|) · (v(T ∪ {j}) − v(T)) from the subset table `v`, written into
 * phi[0 .. m). Each non-zero v(T) is visited once: it adds w(|T| − 1)·v(T) to the members of T and
 * subtracts w(|T|)·v(T) from the others. Gains and losses are summed apart, in mask order, so a
 * player that never changes v gets exactly 0 (both sums see the same terms in the same order).
 */
export function exactShapley(v: Float64Array, m: number, phi: Float64Array): void {
  const w = coalitionWeights(m);
  const gain = new Float64Array(m);
  const loss = new Float64Array(m);
  const size = 2 ** m;
  for (let mask = 1; mask < size; mask++) {
    const vt = v[mask]!;
    if (vt === 0) continue;
    let t = 0;
    for (let x = mask; x !== 0; x &= x - 1) t++;
    const add = w[t - 1]! * vt;
    const sub = t < m ? w[t]! * vt : 0;
    for (let k = 0; k < m; k++) {
      if (mask & (1 << k)) gain[k] = gain[k]! + add;
      else loss[k] = loss[k]! + sub;
    }
  }
  for (let k = 0; k < m; k++) phi[k] = gain[k]! - loss[k]!;
}

/** Orders needed so that max_j |φ̂_j − φ_j| ≤ ε with probability ≥ 1 − δ (Hoeffding + union bound). */
export function samplingOrders(m: number, epsilon: number, delta: number): number {
  return Math.ceil((2 * Math.log((2 * m) / delta)) / (epsilon * epsilon));
}

/**
 * φ̂_j = mean marginal contribution of j over `orders` random orders of S = set s (Fisher–Yates
 * from S sorted, mulberry32 seeded with 1 for every set, so a set's estimate does not depend on the
 * other sets), written into phi[0 .. m). `table` is S's subset table when m ≤ DENSE_LIMIT; larger
 * sets look each prefix up by its hash.
 */
export function sampledShapley(
  sets: ChannelSets,
  s: number,
  orders: number,
  table: Float64Array | null,
  phi: Float64Array,
): void {
  const m = sets.sizeOf(s);
  const start = sets.offsets[s]!;
  const rand = mulberry32(1);
  const order = new Int32Array(m);
  const rank = new Int32Array(m);
  const sum = new Float64Array(m);
  sets.focus(s);
  for (let p = 0; p < orders; p++) {
    for (let i = 0; i < m; i++) order[i] = i;
    for (let i = m - 1; i >= 1; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let before = 0;
    if (table) {
      let mask = 0;
      for (let i = 0; i < m; i++) {
        const k = order[i]!;
        mask |= 1 << k;
        const after = table[mask]!;
        sum[k] = sum[k]! + (after - before);
        before = after;
      }
    } else {
      for (let i = 0; i < m; i++) rank[order[i]!] = i;
      let h = 0;
      for (let i = 0; i < m; i++) {
        const k = order[i]!;
        h ^= sets.zobrist[sets.members[start + k]!]!;
        const after = sets.rateOfPrefix(h, i + 1, rank);
        sum[k] = sum[k]! + (after - before);
        before = after;
      }
    }
  }
  sets.unfocus(s);
  for (let k = 0; k < m; k++) phi[k] = sum[k]! / orders;
}
