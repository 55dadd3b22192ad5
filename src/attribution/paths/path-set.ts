// Aggregated conversion paths (ATTRIBUTION.md §4.1): the input of every data-driven model and of
// the path-file heuristics. Equal paths are merged and rows put in one canonical order before any
// arithmetic, so results do not depend on the order of the input rows.
//
// Layout is columnar (typed arrays) because a portal or an analyst's file can hold millions of
// touches: row r's channel ids are steps[offsets[r] .. offsets[r + 1]).

import { cmp } from '../../kernel/index.js';

export interface PathSet {
  /** Channel names in code-unit order; a step's value is an index into this list. */
  readonly channels: readonly string[];
  /** Number of distinct non-empty paths. */
  readonly size: number;
  readonly offsets: Int32Array;
  readonly steps: Int32Array;
  readonly conversions: Float64Array;
  readonly nulls: Float64Array;
  readonly values: Float64Array;
  /** Σ over non-empty rows. */
  readonly totalConversions: number;
  readonly totalValue: number;
  readonly totalNulls: number;
  /** Rows with an empty path: reported, excluded from the totals above. */
  readonly unattributed: {
    readonly rows: number;
    readonly conversions: number;
    readonly value: number;
    readonly nulls: number;
  };
}

const INITIAL_CAPACITY = 1024;

function grow<T extends Int32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/**
 * Collects rows, merging equal paths as they come (open addressing on a hash of the id sequence),
 * and builds a canonical PathSet. Channel ids handed out by `channelId` are provisional; `build`
 * renumbers them into code-unit order of the names.
 */
export class PathSetBuilder {
  private readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private rows = 0;
  private offsets = new Int32Array(INITIAL_CAPACITY + 1);
  private steps = new Int32Array(INITIAL_CAPACITY * 4);
  private conv = new Float64Array(INITIAL_CAPACITY);
  private nul = new Float64Array(INITIAL_CAPACITY);
  private val = new Float64Array(INITIAL_CAPACITY);
  private hashes = new Int32Array(INITIAL_CAPACITY);
  private table = new Int32Array(INITIAL_CAPACITY * 2).fill(-1);
  // Later rows with an already-seen path: per row a linked list (1-based entries, 0 = none) of
  // (conversions, nulls, value) triples, in typed arrays rather than a Map of arrays.
  private dupHead = new Int32Array(INITIAL_CAPACITY);
  private dupNext = new Int32Array(INITIAL_CAPACITY);
  private dupValues = new Float64Array(INITIAL_CAPACITY * 3);
  private dupCount = 0;
  private readonly emptyRows: number[] = [];

  /** Provisional id of a channel name (interned). */
  channelId(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }

  /** Adds a row whose path is given by channel names. */
  addNames(path: readonly string[], conversions: number, nulls: number, value: number): void {
    if (conversions === 0 && nulls === 0) return; // ignored (§5): its channels must not appear
    const ids = new Int32Array(path.length);
    for (let i = 0; i < path.length; i++) ids[i] = this.channelId(path[i]!);
    this.add(ids, path.length, conversions, nulls, value);
  }

  /**
   * Adds a row whose path is ids[0 .. length) (provisional ids from `channelId`). Rows with no
   * conversion and no null are ignored (§5); empty paths are counted as unattributed.
   */
  add(
    ids: ArrayLike<number>,
    length: number,
    conversions: number,
    nulls: number,
    value: number,
  ): void {
    if (conversions === 0 && nulls === 0) return;
    if (length === 0) {
      this.emptyRows.push(conversions, nulls, value);
      return;
    }
    let h = 0x811c9dc5 ^ length;
    for (let i = 0; i < length; i++) h = Math.imul(h ^ ids[i]!, 0x01000193);
    h ^= h >>> 15;
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const r = this.table[slot]!;
      if (r < 0) break;
      if (this.hashes[r] === h && this.samePath(r, ids, length)) {
        // Summed at build time in a canonical order, so the float result is order-independent.
        const k = ++this.dupCount;
        this.dupNext = grow(this.dupNext, k + 1);
        this.dupValues = grow(this.dupValues, 3 * k + 3);
        this.dupNext[k] = this.dupHead[r]!;
        this.dupHead[r] = k;
        this.dupValues[3 * k] = conversions;
        this.dupValues[3 * k + 1] = nulls;
        this.dupValues[3 * k + 2] = value;
        return;
      }
      slot = (slot + 1) & mask;
    }
    const r = this.rows++;
    const start = this.offsets[r]!;
    this.offsets = grow(this.offsets, r + 2);
    this.steps = grow(this.steps, start + length);
    for (let i = 0; i < length; i++) this.steps[start + i] = ids[i]!;
    this.offsets[r + 1] = start + length;
    this.conv = grow(this.conv, r + 1);
    this.nul = grow(this.nul, r + 1);
    this.val = grow(this.val, r + 1);
    this.hashes = grow(this.hashes, r + 1);
    this.dupHead = grow(this.dupHead, r + 1);
    this.conv[r] = conversions;
    this.nul[r] = nulls;
    this.val[r] = value;
    this.hashes[r] = h;
    this.table[slot] = r;
    if (this.rows * 2 > this.table.length) this.rehash();
  }

  private samePath(r: number, ids: ArrayLike<number>, length: number): boolean {
    const start = this.offsets[r]!;
    if (this.offsets[r + 1]! - start !== length) return false;
    for (let i = 0; i < length; i++) if (this.steps[start + i] !== ids[i]) return false;
    return true;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let r = 0; r < this.rows; r++) {
      let slot = this.hashes[r]! & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = r;
    }
    this.table = table;
  }

  build(): PathSet {
    // Renumber channels into code-unit order of their names.
    const order = this.names.map((_, i) => i).sort((a, b) => cmp(this.names[a]!, this.names[b]!));
    const remap = new Int32Array(order.length);
    order.forEach((old, neu) => (remap[old] = neu));
    const channels = order.map((i) => this.names[i]!);
    const n = this.rows;
    const total = this.offsets[n]!;
    const src = this.steps;
    for (let i = 0; i < total; i++) src[i] = remap[src[i]!]!;

    // Canonical row order: lexicographic on the (renumbered) id sequence.
    const offs = this.offsets;
    const rowOrder = canonicalOrder(offs, src, n, channels.length);

    const offsets = new Int32Array(n + 1);
    const steps = new Int32Array(total);
    const conversions = new Float64Array(n);
    const nulls = new Float64Array(n);
    const values = new Float64Array(n);
    let pos = 0;
    let totalConversions = 0;
    let totalValue = 0;
    let totalNulls = 0;
    const { dupHead, dupNext, dupValues } = this;
    for (let k = 0; k < n; k++) {
      const r = rowOrder[k]!;
      const e = offs[r + 1]!;
      for (let i = offs[r]!; i < e; i++) steps[pos++] = src[i]!;
      offsets[k + 1] = pos;
      if (dupHead[r] !== 0) {
        const flat = [this.conv[r]!, this.nul[r]!, this.val[r]!];
        for (let d = dupHead[r]!; d !== 0; d = dupNext[d]!) {
          flat.push(dupValues[3 * d]!, dupValues[3 * d + 1]!, dupValues[3 * d + 2]!);
        }
        const sum = canonicalSum(flat);
        conversions[k] = sum.conversions;
        nulls[k] = sum.nulls;
        values[k] = sum.value;
      } else {
        conversions[k] = this.conv[r]!;
        nulls[k] = this.nul[r]!;
        values[k] = this.val[r]!;
      }
      totalConversions += conversions[k]!;
      totalValue += values[k]!;
      totalNulls += nulls[k]!;
    }
    return {
      channels,
      size: n,
      offsets,
      steps,
      conversions,
      nulls,
      values,
      totalConversions,
      totalValue,
      totalNulls,
      unattributed: { rows: this.emptyRows.length / 3, ...canonicalSum(this.emptyRows) },
    };
  }
}

/**
 * Rows in lexicographic order of their id sequences (a shorter prefix first). A native numeric
 * sort does most of the work: each row gets the key (first ids as base-(channels + 1) digits, 0 =
 * end of path) · 2^indexBits + row, exact in a double; only rows sharing the whole key prefix are
 * then ordered by a full comparison. A comparator sort over all rows costs seconds at 1M rows.
 */
function canonicalOrder(
  offs: Int32Array,
  src: Int32Array,
  n: number,
  channels: number,
): Int32Array {
  const compare = (a: number, b: number): number => {
    const sa = offs[a]!;
    const la = offs[a + 1]! - sa;
    const sb = offs[b]!;
    const lb = offs[b + 1]! - sb;
    const m = la < lb ? la : lb;
    for (let i = 0; i < m; i++) {
      const d = src[sa + i]! - src[sb + i]!;
      if (d !== 0) return d;
    }
    return la - lb;
  };
  const order = new Int32Array(n);
  for (let r = 0; r < n; r++) order[r] = r;
  if (n < 2) return order;
  const indexBits = Math.ceil(Math.log2(n));
  const scale = 2 ** indexBits;
  const room = 2 ** (53 - indexBits);
  const base = channels + 1;
  let digits = 0;
  for (let span = base; span <= room; span *= base) digits++;
  if (digits === 0) return order.sort(compare);
  const keys = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const s = offs[r]!;
    const length = offs[r + 1]! - s;
    let prefix = 0;
    for (let d = 0; d < digits; d++) prefix = prefix * base + (d < length ? src[s + d]! + 1 : 0);
    keys[r] = prefix * scale + r;
  }
  keys.sort();
  for (let k = 0; k < n; k++) order[k] = keys[k]! % scale;
  for (let i = 0; i < n;) {
    const prefix = Math.floor(keys[i]! / scale);
    let j = i + 1;
    while (j < n && Math.floor(keys[j]! / scale) === prefix) j++;
    if (j - i > 1) order.subarray(i, j).sort(compare);
    i = j;
  }
  return order;
}

/** Sums (conversions, nulls, value) triples in sorted order, so any input order gives one result. */
function canonicalSum(flat: readonly number[]): {
  conversions: number;
  nulls: number;
  value: number;
} {
  const triples: [number, number, number][] = [];
  for (let i = 0; i < flat.length; i += 3) triples.push([flat[i]!, flat[i + 1]!, flat[i + 2]!]);
  triples.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  let conversions = 0;
  let nulls = 0;
  let value = 0;
  for (const [c, nu, v] of triples) {
    conversions += c;
    nulls += nu;
    value += v;
  }
  return { conversions, nulls, value };
}

/** Builds a PathSet from plain rows (tests, deals, small inputs). */
/** One aggregated row given by channel names (tests, deals, small inputs). */
export interface PathRow {
  readonly path: readonly string[];
  readonly conversions: number;
  readonly nulls?: number;
  readonly value?: number;
}

export function pathSetFromRows(rows: readonly PathRow[]): PathSet {
  const b = new PathSetBuilder();
  for (const row of rows) b.addNames(row.path, row.conversions, row.nulls ?? 0, row.value ?? 0);
  return b.build();
}
