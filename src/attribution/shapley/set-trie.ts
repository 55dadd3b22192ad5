// A trie of the observed channel sets (members in ascending id order), for listing the observed
// subsets of one set S without probing all 2^|S| candidates: a depth-first walk only enters nodes
// whose channels all lie in S, so its cost follows the data (the observed subsets), not 2^|S|.
// Nodes are numbered breadth-first so that a node's children are contiguous and ascending: the
// walk scans plain arrays instead of chasing pointers. Nodes with many children (near the root,
// where popular channels meet) also get a dense row channel → child, so the walk probes only the
// members of S instead of scanning every child.

import type { ChannelSets } from './channel-sets.js';

/** Children from which a node gets a dense row. */
const WIDE = 8;
/** At most this many dense entries (64 MiB of Int32). */
const DENSE_BUDGET = 1 << 24;

export class SetTrie {
  /**
   * Node records, 3 words each (one cache line serves a node): channel, first child, end of
   * children. Node 0 is the root (∅); node n's children are nodes first .. end − 1.
   */
  private readonly rec: Int32Array;
  /** v of the set that ends at a node; 0 if it is only a prefix (v of an unobserved set is 0). */
  private readonly rate: Float64Array;
  /** Row of `dense` for a wide node, or −1; dense[row · channels + c] = child for channel c, or −1. */
  private readonly denseRow: Int32Array;
  private readonly dense: Int32Array;

  constructor(private readonly sets: ChannelSets) {
    // 1. A linked trie (sibling lists kept in ascending channel order).
    const cap = sets.offsets[sets.size]! + 1;
    const channel = new Int32Array(cap).fill(-1);
    const firstChild = new Int32Array(cap).fill(-1);
    const nextSibling = new Int32Array(cap).fill(-1);
    const set = new Int32Array(cap).fill(-1);
    let nodes = 1;
    for (let s = 0; s < sets.size; s++) {
      let node = 0;
      for (let i = sets.offsets[s]!; i < sets.offsets[s + 1]!; i++) {
        const c = sets.members[i]!;
        let prev = -1;
        let cur = firstChild[node]!;
        while (cur >= 0 && channel[cur]! < c) {
          prev = cur;
          cur = nextSibling[cur]!;
        }
        if (cur < 0 || channel[cur] !== c) {
          const n = nodes++;
          channel[n] = c;
          nextSibling[n] = cur;
          if (prev < 0) firstChild[node] = n;
          else nextSibling[prev] = n;
          cur = n;
        }
        node = cur;
      }
      set[node] = s;
    }
    // 2. Breadth-first renumbering: children of a node get consecutive numbers.
    const rec = new Int32Array(nodes * 3);
    this.rec = rec;
    this.rate = new Float64Array(nodes);
    const queue = new Int32Array(nodes); // old ids, in new-id order
    let tail = 1;
    for (let head = 0; head < nodes; head++) {
      const old = queue[head]!;
      rec[head * 3] = channel[old]!;
      if (set[old]! >= 0) this.rate[head] = sets.rate(set[old]!);
      rec[head * 3 + 1] = tail;
      for (let ch = firstChild[old]!; ch >= 0; ch = nextSibling[ch]!) queue[tail++] = ch;
      rec[head * 3 + 2] = tail;
    }

    // 3. Dense rows for wide nodes, within a memory budget.
    const n = sets.channels.length;
    this.denseRow = new Int32Array(nodes).fill(-1);
    let rows = 0;
    for (let node = 0; node < nodes; node++) {
      const width = rec[node * 3 + 2]! - rec[node * 3 + 1]!;
      if (width >= WIDE && (rows + 1) * n <= DENSE_BUDGET) this.denseRow[node] = rows++;
    }
    this.dense = new Int32Array(rows * n).fill(-1);
    for (let node = 0; node < nodes; node++) {
      const row = this.denseRow[node]!;
      if (row < 0) continue;
      for (let ch = rec[node * 3 + 1]!; ch < rec[node * 3 + 2]!; ch++) {
        this.dense[row * n + rec[ch * 3]!] = ch;
      }
    }
  }

  /**
   * Writes v(T) for every observed T ⊆ S into `out`, indexed by T's mask over S's members, where
   * S = members[start .. start + m) ascending and `local` maps a channel id to its bit in S or −1.
   * Entries of unobserved subsets are left untouched.
   */
  rates(members: Int32Array, start: number, m: number, local: Int32Array, out: Float64Array): void {
    const { rec, rate, dense, denseRow } = this;
    const n = this.sets.channels.length;
    const maxChannel = members[start + m - 1]!;
    // Explicit stack of (node, mask, first member that may follow): cheaper than recursion.
    const stackNode: number[] = [0];
    const stackMask: number[] = [0];
    const stackNext: number[] = [0];
    while (stackNode.length > 0) {
      const node = stackNode.pop()!;
      const mask = stackMask.pop()!;
      const next = stackNext.pop()!;
      const row = denseRow[node]!;
      if (row >= 0) {
        for (let k = next; k < m; k++) {
          const ch = dense[row * n + members[start + k]!]!;
          if (ch < 0) continue;
          const sub = mask | (1 << k);
          out[sub] = rate[ch]!;
          if (rec[ch * 3 + 2]! > rec[ch * 3 + 1]!) {
            stackNode.push(ch);
            stackMask.push(sub);
            stackNext.push(k + 1);
          }
        }
        continue;
      }
      const end = rec[node * 3 + 2]!;
      for (let ch = rec[node * 3 + 1]!; ch < end; ch++) {
        const c = rec[ch * 3]!;
        if (c > maxChannel) break; // children ascend: none of the rest is in S
        const k = local[c]!;
        if (k < 0) continue;
        const sub = mask | (1 << k);
        out[sub] = rate[ch]!;
        if (rec[ch * 3 + 2]! > rec[ch * 3 + 1]!) {
          stackNode.push(ch);
          stackMask.push(sub);
          stackNext.push(k + 1);
        }
      }
    }
  }
}
