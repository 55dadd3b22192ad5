// The canonical forms a PathSet is built in (ATTRIBUTION.md §4.1), so that no result depends on
// the order of the input rows: rows in lexicographic order of their channel ids (equal paths
// adjacent, to be merged), and the figures of merged rows summed in sorted order.

/** Ranges with at most this many rows are ordered by insertion with a full comparison. */
const SMALL = 16;

/** Keys are base-(channels + 1) numbers below 2^31, so that they sort as 32-bit integers. */
const KEY_LIMIT = 2 ** 31;

/**
 * Rows in lexicographic order of their id sequences (a shorter prefix first); row r's ids are
 * src[offs[r] .. offs[r + 1]). A most-significant-digit sort on integer keys (a comparator sort
 * over 1M rows costs seconds): each row of a range gets the key of its next ids as base-(channels
 * + 1) digits (0 = end of path), the range is radix-sorted by key, and only runs of equal keys
 * that hold a longer path are ordered again by their following ids. Equal paths end up adjacent,
 * in any order.
 */
export function canonicalOrder(
  offs: Int32Array,
  src: Int32Array,
  n: number,
  channels: number,
): Int32Array {
  const order = new Int32Array(n);
  for (let r = 0; r < n; r++) order[r] = r;
  if (n < 2) return order;
  const base = channels + 1; // ≥ 2: rows hold at least one channel
  let digits = 0;
  for (let span = base; span <= KEY_LIMIT; span *= base) digits++;
  if (digits === 0) {
    // Absurdly many channels: not one digit fits in a key.
    order.sort((a, b) => compareRows(offs, src, 0, a, b));
    return order;
  }
  const bits = Math.ceil(Math.log2(base ** digits));
  const keys = new Int32Array(n);
  const radix = new Radix(n);
  /** Per row: 1 when it goes on past the digits of its current key. */
  const long = new Uint8Array(n);
  // Ranges [i, j) still to order, whose rows agree on their first `depth` ids: an explicit stack,
  // as long shared prefixes would nest too deep for recursion.
  const stack: number[] = [0, n, 0];
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const j = stack.pop()!;
    const i = stack.pop()!;
    if (j - i <= SMALL) {
      insertionSort(order, i, j, depth, offs, src);
      continue;
    }
    for (let t = i; t < j; t++) {
      const r = order[t]!;
      const s = offs[r]! + depth;
      const length = offs[r + 1]! - s;
      let key = 0;
      for (let d = 0; d < digits; d++) key = key * base + (d < length ? src[s + d]! + 1 : 0);
      keys[t] = key;
      long[r] = length > digits ? 1 : 0;
    }
    radix.sort(keys, order, i, j, bits);
    // Runs of one key: equal paths, unless a row goes on past the digits compared.
    for (let a = i; a < j;) {
      const key = keys[a]!;
      let more = long[order[a]!]!;
      let b = a + 1;
      for (; b < j && keys[b] === key; b++) more |= long[order[b]!]!;
      if (b - a > 1 && more) stack.push(a, b, depth + digits);
      a = b;
    }
  }
  return order;
}

/** A stable least-significant-digit radix sort of (key, value) pairs by non-negative int keys. */
class Radix {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  private readonly counts = new Int32Array(2049);

  constructor(n: number) {
    this.keys = new Int32Array(n);
    this.values = new Int32Array(n);
  }

  /** Sorts keys[i .. j) (below 2^bits) and carries values[i .. j) along. */
  sort(keys: Int32Array, values: Int32Array, i: number, j: number, bits: number): void {
    const width = j - i < 4096 ? 8 : 11;
    const passes = Math.ceil(bits / width);
    for (let pass = 0; pass < passes; pass++) {
      // Even passes move keys/values into the scratch arrays, odd ones back.
      if (pass % 2 === 0)
        this.pass(keys, values, this.keys, this.values, i, j, pass * width, width);
      else this.pass(this.keys, this.values, keys, values, i, j, pass * width, width);
    }
    if (passes % 2 === 1) {
      keys.set(this.keys.subarray(i, j), i);
      values.set(this.values.subarray(i, j), i);
    }
  }

  private pass(
    fromK: Int32Array,
    fromV: Int32Array,
    toK: Int32Array,
    toV: Int32Array,
    i: number,
    j: number,
    shift: number,
    width: number,
  ): void {
    const mask = (1 << width) - 1;
    const counts = this.counts;
    counts.fill(0, 0, mask + 2);
    for (let t = i; t < j; t++) counts[((fromK[t]! >>> shift) & mask) + 1]!++;
    counts[0] = i;
    for (let d = 1; d <= mask; d++) counts[d]! += counts[d - 1]!;
    for (let t = i; t < j; t++) {
      const k = fromK[t]!;
      const at = counts[(k >>> shift) & mask]!++;
      toK[at] = k;
      toV[at] = fromV[t]!;
    }
  }
}

/** Lexicographic comparison of rows a and b from their `depth`-th id on. */
function compareRows(
  offs: Int32Array,
  src: Int32Array,
  depth: number,
  a: number,
  b: number,
): number {
  const sa = offs[a]! + depth;
  const la = offs[a + 1]! - sa;
  const sb = offs[b]! + depth;
  const lb = offs[b + 1]! - sb;
  const m = la < lb ? la : lb;
  for (let i = 0; i < m; i++) {
    const d = src[sa + i]! - src[sb + i]!;
    if (d !== 0) return d;
  }
  return la - lb;
}

function insertionSort(
  order: Int32Array,
  i: number,
  j: number,
  depth: number,
  offs: Int32Array,
  src: Int32Array,
): void {
  for (let k = i + 1; k < j; k++) {
    const r = order[k]!;
    let at = k - 1;
    while (at >= i && compareRows(offs, src, depth, order[at]!, r) > 0) {
      order[at + 1] = order[at]!;
      at--;
    }
    order[at + 1] = r;
  }
}

export interface Sums {
  conversions: number;
  nulls: number;
  value: number;
}

/**
 * Sums `count` (conversions, nulls, value) triples, flat in `t`, in lexicographically sorted
 * order, so any input order gives one result. Sorts `t` in place when count ≤ 16.
 */
export function canonicalSum(t: Float64Array | number[], count: number, out: Sums): Sums {
  let conversions = 0;
  let nulls = 0;
  let value = 0;
  if (count <= SMALL) {
    for (let i = 1; i < count; i++) {
      const c = t[3 * i]!;
      const nu = t[3 * i + 1]!;
      const v = t[3 * i + 2]!;
      let j = i - 1;
      for (; j >= 0; j--) {
        const d = t[3 * j]! - c || t[3 * j + 1]! - nu || t[3 * j + 2]! - v;
        if (!(d > 0)) break;
        t[3 * j + 3] = t[3 * j]!;
        t[3 * j + 4] = t[3 * j + 1]!;
        t[3 * j + 5] = t[3 * j + 2]!;
      }
      t[3 * j + 3] = c;
      t[3 * j + 4] = nu;
      t[3 * j + 5] = v;
    }
    for (let i = 0; i < count; i++) {
      conversions += t[3 * i]!;
      nulls += t[3 * i + 1]!;
      value += t[3 * i + 2]!;
    }
  } else {
    const order = Array.from({ length: count }, (_, i) => 3 * i);
    order.sort((a, b) => t[a]! - t[b]! || t[a + 1]! - t[b + 1]! || t[a + 2]! - t[b + 2]!);
    for (const i of order) {
      conversions += t[i]!;
      nulls += t[i + 1]!;
      value += t[i + 2]!;
    }
  }
  out.conversions = conversions;
  out.nulls = nulls;
  out.value = value;
  return out;
}
