// Collects the rows of a PathSet (path-set.ts) and builds it in canonical form (canonical.ts).
// Millions of rows pass through here, so rows are appended to typed arrays as they come, and
// equal paths are merged after sorting (they end up adjacent) rather than through a hash table:
// the sort is needed for the canonical order anyway, and appending touches memory in order.

import { cmp } from '../../kernel/index.js';
import { canonicalOrder, canonicalSum, type Sums } from './canonical.js';
import type { PathSet } from './path-set.js';

const INITIAL_ROWS = 1024;

/**
 * Channel ids handed out by `channelId` are provisional; `build` renumbers them into code-unit
 * order of the names.
 */
export class PathSetBuilder {
  private readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private rows = 0;
  private capacity = INITIAL_ROWS;
  private offsets = new Int32Array(INITIAL_ROWS + 1);
  private steps = new Int32Array(INITIAL_ROWS * 8);
  /** (conversions, nulls, value) of row r at 3r, 3r + 1, 3r + 2. */
  private figures = new Float64Array(3 * INITIAL_ROWS);
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
    const r = this.rows;
    if (r === this.capacity) this.growRows();
    const start = this.offsets[r]!;
    if (start + length > this.steps.length) this.steps = grown(this.steps, start + length);
    const steps = this.steps;
    for (let i = 0; i < length; i++) steps[start + i] = ids[i]!;
    this.offsets[r + 1] = start + length;
    const figures = this.figures;
    figures[3 * r] = conversions;
    figures[3 * r + 1] = nulls;
    figures[3 * r + 2] = value;
    this.rows = r + 1;
  }

  private growRows(): void {
    const capacity = 2 * this.capacity;
    this.offsets = grown(this.offsets, capacity + 1);
    this.figures = grown(this.figures, 3 * capacity);
    this.capacity = capacity;
  }

  build(): PathSet {
    // Renumber channels into code-unit order of their names.
    const names = this.names;
    const byName = names.map((_, i) => i).sort((a, b) => cmp(names[a]!, names[b]!));
    const remap = new Int32Array(byName.length);
    byName.forEach((old, neu) => (remap[old] = neu));
    const channels = byName.map((i) => names[i]!);
    const n = this.rows;
    const offs = this.offsets;
    const src = this.steps;
    const total = offs[n]!;
    for (let i = 0; i < total; i++) src[i] = remap[src[i]!]!;

    const order = canonicalOrder(offs, src, n, channels.length);
    // Gathers in tight loops first (independent loads, so the machine overlaps the cache misses
    // of random rows), then one sequential merge of equal neighbours.
    const starts = new Int32Array(n);
    const lengths = new Int32Array(n);
    const figures = new Float64Array(3 * n);
    for (let k = 0; k < n; k++) {
      const r = order[k]!;
      const s = offs[r]!;
      starts[k] = s;
      lengths[k] = offs[r + 1]! - s;
    }
    for (let k = 0; k < n; k++) {
      const r = order[k]!;
      figures[3 * k] = this.figures[3 * r]!;
      figures[3 * k + 1] = this.figures[3 * r + 1]!;
      figures[3 * k + 2] = this.figures[3 * r + 2]!;
    }

    const offsets = new Int32Array(n + 1);
    const steps = new Int32Array(total);
    const conversions = new Float64Array(n);
    const nulls = new Float64Array(n);
    const values = new Float64Array(n);
    const sum: Sums = { conversions: 0, nulls: 0, value: 0 };
    let size = 0;
    let pos = 0;
    let totalConversions = 0;
    let totalValue = 0;
    let totalNulls = 0;
    for (let k = 0; k < n;) {
      const s = starts[k]!;
      const length = lengths[k]!;
      // Rows k .. e − 1 hold the same path.
      let e = k + 1;
      while (e < n && lengths[e] === length && same(src, s, starts[e]!, length)) e++;
      for (let i = 0; i < length; i++) steps[pos + i] = src[s + i]!;
      pos += length;
      offsets[size + 1] = pos;
      let c = figures[3 * k]!;
      let nu = figures[3 * k + 1]!;
      let v = figures[3 * k + 2]!;
      if (e - k > 1) {
        canonicalSum(figures.subarray(3 * k, 3 * e), e - k, sum);
        c = sum.conversions;
        nu = sum.nulls;
        v = sum.value;
      }
      conversions[size] = c;
      nulls[size] = nu;
      values[size] = v;
      totalConversions += c;
      totalValue += v;
      totalNulls += nu;
      size++;
      k = e;
    }
    const empty = this.emptyRows;
    const unattributed = canonicalSum(empty.slice(), empty.length / 3, sum);
    return {
      channels,
      size,
      offsets: offsets.slice(0, size + 1),
      steps: steps.slice(0, pos),
      conversions: conversions.slice(0, size),
      nulls: nulls.slice(0, size),
      values: values.slice(0, size),
      totalConversions,
      totalValue,
      totalNulls,
      unattributed: {
        rows: empty.length / 3,
        conversions: unattributed.conversions,
        nulls: unattributed.nulls,
        value: unattributed.value,
      },
    };
  }
}

function same(src: Int32Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (src[a + i] !== src[b + i]) return false;
  return true;
}

/** A copy of `a` with room for at least `need` elements (doubling). */
function grown<T extends Int32Array | Float64Array>(a: T, need: number): T {
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
