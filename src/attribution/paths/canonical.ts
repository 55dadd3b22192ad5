// The canonical forms a PathSet is built in (ATTRIBUTION.md §4.1), so that no result depends on
// the order of the input rows: rows in lexicographic order of their channel ids (equal paths
// adjacent, to be merged), and the figures of merged rows summed in sorted order.

/** Ranges with at most this many rows are ordered by insertion with a full comparison. */
const SMALL = 16;

/**
 * Rows in lexicographic order of their id sequences (a shorter prefix first); row r's ids are
 * src[offs[r] .. offs[r + 1]). A most-significant-digit sort that lets a native numeric sort do
 * the work (a comparator sort over 1M rows costs seconds): each row of a range gets the key
 * (its next ids as base-(channels + 1) digits, 0 = end of path) · 2^indexBits + its index in the
 * range, exact in a double; the keys are sorted, and only runs of equal keys that hold a longer
 * path are ordered again by their following ids. Equal paths end up adjacent, in any order.
 */
export function canonicalOrder(
  offs: Int32Array,
  src: Int32Array,
  n: number,
  channels: number,
): Int32Array {
  const order = new Int32Array(n);
  for (let r = 0; r < n; r++) order[r] = r;
  const base = channels + 1;
  const keys = new Float64Array(n);
  const held = new Int32Array(n);
  const long = new Uint8Array(n);
  // Ranges [i, j) still to order, whose rows agree on their first `depth` ids: an explicit stack,
  // as long shared prefixes would nest too deep for recursion.
  const stack: number[] = [0, n, 0];
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const j = stack.pop()!;
    const i = stack.pop()!;
    const m = j - i;
    if (m <= SMALL) {
      insertionSort(order, i, j, depth, offs, src);
      continue;
    }
    const indexBits = Math.ceil(Math.log2(m));
    const scale = 2 ** indexBits;
    const room = 2 ** (53 - indexBits);
    let digits = 0;
    for (let span = base; span <= room; span *= base) digits++;
    if (digits === 0) {
      // Absurdly many channels: no digit fits beside the index.
      sortByComparison(order, i, j, depth, offs, src);
      continue;
    }
    for (let t = 0; t < m; t++) {
      const r = order[i + t]!;
      const s = offs[r]! + depth;
      const length = offs[r + 1]! - s;
      let prefix = 0;
      for (let d = 0; d < digits; d++) prefix = prefix * base + (d < length ? src[s + d]! + 1 : 0);
      keys[i + t] = prefix * scale + t;
      held[i + t] = r;
      long[i + t] = length > digits ? 1 : 0;
    }
    const sorted = keys.subarray(i, j).sort();
    for (let t = 0; t < m; t++) order[i + t] = held[i + (sorted[t]! % scale)]!;
    // Runs of one key prefix: equal paths, unless a row goes on past the digits compared.
    for (let a = 0; a < m;) {
      const prefix = Math.floor(sorted[a]! / scale);
      let more = long[i + (sorted[a]! % scale)]!;
      let b = a + 1;
      for (; b < m && Math.floor(sorted[b]! / scale) === prefix; b++) {
        more |= long[i + (sorted[b]! % scale)]!;
      }
      if (b - a > 1 && more) stack.push(i + a, i + b, depth + digits);
      a = b;
    }
  }
  return order;
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

function sortByComparison(
  order: Int32Array,
  i: number,
  j: number,
  depth: number,
  offs: Int32Array,
  src: Int32Array,
): void {
  order.subarray(i, j).sort((a, b) => compareRows(offs, src, depth, a, b));
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
