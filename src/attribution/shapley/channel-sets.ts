// Rows grouped by their distinct channel set (ATTRIBUTION.md §4.4 step 1), with a hash index that
// answers v(T) = conv(T) / (conv(T) + null(T)) for the prefixes of an order of one "focused" set.
//
// A set is hashed as the XOR of a fixed random word per channel (Zobrist hashing): the hash of
// T ∪ {c} is hash(T) xor z[c], so each prefix of an order is hashed in O(1). Equal hashes are
// confirmed on the members, so every lookup is exact.
//
// Sets are numbered in order of first appearance over the PathSet's canonical rows, and counts are
// summed in that row order: both depend only on the merged paths, never on the input row order.

import type { PathSet } from '../paths/path-set.js';

/** A fixed pseudo-random 32-bit word per channel id (murmur3's finaliser of the id). */
function zobristWord(id: number): number {
  let h = Math.imul(id + 1, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function grown<T extends Int32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class ChannelSets {
  readonly channels: readonly string[];
  /** Number of distinct sets. */
  size = 0;
  /** Set s has members members[offsets[s] .. offsets[s + 1]), ascending ids (= code-unit order). */
  offsets = new Int32Array(1025);
  members = new Int32Array(4096);
  conversions = new Float64Array(1024);
  nulls = new Float64Array(1024);
  values = new Float64Array(1024);
  readonly zobrist: Int32Array;
  /** Open addressing: [hash, set] pairs, set = −1 for an empty slot. */
  private table = new Int32Array(4096).fill(-1);
  private hashes = new Int32Array(1024);
  /** Channel id → its bit in the focused set, or −1. */
  readonly local: Int32Array;

  constructor(paths: PathSet) {
    const n = paths.channels.length;
    this.channels = paths.channels;
    this.zobrist = new Int32Array(n);
    for (let c = 0; c < n; c++) this.zobrist[c] = zobristWord(c);
    this.local = new Int32Array(n).fill(-1);
    const seen = new Int32Array(n).fill(-1);
    const set = new Int32Array(n);
    for (let r = 0; r < paths.size; r++) {
      let m = 0;
      let h = 0;
      for (let i = paths.offsets[r]!; i < paths.offsets[r + 1]!; i++) {
        const c = paths.steps[i]!;
        if (seen[c] === r) continue;
        seen[c] = r;
        h ^= this.zobrist[c]!;
        let k = m++; // insertion sort: a journey has few distinct channels
        while (k > 0 && set[k - 1]! > c) {
          set[k] = set[k - 1]!;
          k--;
        }
        set[k] = c;
      }
      const s = this.intern(h, set, m);
      this.conversions[s]! += paths.conversions[r]!;
      this.nulls[s]! += paths.nulls[r]!;
      this.values[s]! += paths.values[r]!;
    }
  }

  sizeOf(s: number): number {
    return this.offsets[s + 1]! - this.offsets[s]!;
  }

  /** v(s) = conv / (conv + null); 0 if the set was never observed. */
  rate(s: number): number {
    const seen = this.conversions[s]! + this.nulls[s]!;
    return seen > 0 ? this.conversions[s]! / seen : 0;
  }

  /** "{a, b, c}" for messages. */
  label(s: number): string {
    const names: string[] = [];
    for (let i = this.offsets[s]!; i < this.offsets[s + 1]!; i++) {
      names.push(this.channels[this.members[i]!]!);
    }
    return `{${names.join(', ')}}`;
  }

  /** Makes set s the reference for masks and ranks: its k-th member is bit k. */
  focus(s: number): void {
    for (let i = this.offsets[s]!, k = 0; i < this.offsets[s + 1]!; i++, k++) {
      this.local[this.members[i]!] = k;
    }
  }

  unfocus(s: number): void {
    for (let i = this.offsets[s]!; i < this.offsets[s + 1]!; i++) this.local[this.members[i]!] = -1;
  }

  /**
   * v(T) for T = the first `len` members of an order of the focused set, where rank[k] is the
   * position of member k in the order (any size of set).
   */
  rateOfPrefix(h: number, len: number, rank: Int32Array): number {
    const mask2 = this.table.length - 2;
    for (let slot = (h << 1) & mask2; ; slot = (slot + 2) & mask2) {
      const s = this.table[slot + 1]!;
      if (s < 0) return 0;
      if (this.table[slot] !== h || this.sizeOf(s) !== len) continue;
      let inside = true;
      for (let i = this.offsets[s]!; i < this.offsets[s + 1]! && inside; i++) {
        const k = this.local[this.members[i]!]!;
        inside = k >= 0 && rank[k]! < len;
      }
      if (inside) return this.rate(s);
    }
  }

  /** Index of the set with these sorted members, added if new. */
  private intern(h: number, set: Int32Array, m: number): number {
    const mask2 = this.table.length - 2;
    let slot = (h << 1) & mask2;
    for (; ; slot = (slot + 2) & mask2) {
      const s = this.table[slot + 1]!;
      if (s < 0) break;
      if (this.table[slot] === h && this.sameMembers(s, set, m)) return s;
    }
    const s = this.size++;
    const start = this.offsets[s]!;
    this.offsets = grown(this.offsets, s + 2);
    this.members = grown(this.members, start + m);
    this.members.set(set.subarray(0, m), start);
    this.offsets[s + 1] = start + m;
    this.conversions = grown(this.conversions, s + 1);
    this.nulls = grown(this.nulls, s + 1);
    this.values = grown(this.values, s + 1);
    this.hashes = grown(this.hashes, s + 1);
    this.hashes[s] = h;
    this.table[slot] = h;
    this.table[slot + 1] = s;
    if (this.size * 4 > this.table.length) this.rehash();
    return s;
  }

  private sameMembers(s: number, set: Int32Array, m: number): boolean {
    const start = this.offsets[s]!;
    if (this.offsets[s + 1]! - start !== m) return false;
    for (let k = 0; k < m; k++) if (this.members[start + k] !== set[k]) return false;
    return true;
  }

  /** Keeps the load factor ≤ 1/2 (table holds pairs, so size ≤ length / 4). */
  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask2 = table.length - 2;
    for (let s = 0; s < this.size; s++) {
      const h = this.hashes[s]!;
      let slot = (h << 1) & mask2;
      while (table[slot + 1]! >= 0) slot = (slot + 2) & mask2;
      table[slot] = h;
      table[slot + 1] = s;
    }
    this.table = table;
  }
}
