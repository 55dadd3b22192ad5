// Fractions → integer cents by the largest remainder of ATTRIBUTION.md §3, tuned for attributing
// every deal of a portal under every model (bench/rules.ts): no per-call closures, no comparator
// sort, no fresh typed arrays. It must equal money.ts `allocate` exactly; a property test checks.

import { allocate } from './money.js';

/** Up to this many distinct remainder ranks, the leftover cents are handed out rank by rank. */
const MAX_CLASSES = 8;
const classRank = new Float64Array(MAX_CLASSES);
const classSize = new Int32Array(MAX_CLASSES);

/**
 * Writes the allocation of `amount` over fractions[0..n) into out[0..n) and returns true, or
 * returns false for the rare cases left to `allocate` (negative amounts or fractions, a zero sum,
 * floating error making Σ floor(e) exceed the amount, journeys over a million touches).
 *
 * Same floors b and remainder ranks q = round((e − b)·1e9) as `allocate`; the R leftover cents go
 * to the R largest q, ties to the earlier touch. Position models give a handful of distinct
 * fractions (the middle touches share one), so equal neighbours reuse b and q, and with at most
 * MAX_CLASSES distinct ranks the cents are handed out rank by rank in index order. Otherwise
 * ranks are packed into one float key per touch, (1e9 − q)·n + i (exact below 2^53), so the R
 * smallest keys are the R largest remainders with ties to the earlier touch; quickselect finds
 * them in O(n).
 */
export function allocateInto(
  amount: number,
  fractions: Float64Array,
  n: number,
  out: Float64Array,
  keys: Float64Array,
): boolean {
  if (amount < 0 || n > 1_000_000) return false;
  let s = 0;
  for (let i = 0; i < n; i++) s += fractions[i]!;
  if (!(s > 0)) return false;
  let rest = amount;
  let lastF = NaN;
  let b = 0;
  let q = 0;
  let classes = 0;
  let cls = 0;
  for (let i = 0; i < n; i++) {
    const f = fractions[i]!;
    if (f !== lastF) {
      if (f < 0) return false;
      const e = (amount * f) / s;
      b = Math.floor(e);
      q = f === 0 ? -1 : Math.round((e - b) * 1e9);
      lastF = f;
      if (classes <= MAX_CLASSES) {
        cls = classOf(q, classes);
        if (cls === classes) classes++;
      }
    }
    out[i] = b;
    rest -= b;
    keys[i] = q;
    if (classes <= MAX_CLASSES) classSize[cls]!++;
  }
  if (rest < 0) return false;
  if (rest > 0) {
    const r = Math.min(rest, n);
    if (classes <= MAX_CLASSES) byRank(out, keys, n, r, classes);
    else bySelection(out, keys, n, r);
  }
  return true;
}

/** The class index of rank q among the first `classes` (== classes: a new one, or overflow). */
function classOf(q: number, classes: number): number {
  for (let c = 0; c < classes; c++) if (classRank[c] === q) return c;
  if (classes < MAX_CLASSES) {
    classRank[classes] = q;
    classSize[classes] = 0;
  }
  return classes;
}

/** Whole classes from the largest rank down; the boundary class in index order. */
function byRank(
  out: Float64Array,
  ranks: Float64Array,
  n: number,
  r: number,
  classes: number,
): void {
  let left = r;
  while (left > 0) {
    let best = -1;
    for (let c = 0; c < classes; c++) {
      if (classSize[c]! >= 0 && (best < 0 || classRank[c]! > classRank[best]!)) best = c;
    }
    if (best < 0) return; // cannot happen: r ≤ n = Σ class sizes
    const rank = classRank[best]!;
    const size = classSize[best]!;
    classSize[best] = -1; // used
    if (size <= left) {
      for (let i = 0; i < n; i++) if (ranks[i] === rank) out[i]!++;
      left -= size;
    } else {
      for (let i = 0; left > 0 && i < n; i++) {
        if (ranks[i] === rank) {
          out[i]!++;
          left--;
        }
      }
    }
  }
}

function bySelection(out: Float64Array, keys: Float64Array, n: number, r: number): void {
  for (let i = 0; i < n; i++) keys[i] = (1e9 - keys[i]!) * n + i;
  selectSmallest(keys, n, r);
  for (let k = 0; k < r; k++) {
    // key − ⌊key/n⌋·n is exact for n ≤ 10^6 and much cheaper than a float `%` (fmod).
    const key = keys[k]!;
    out[key - Math.floor(key / n) * n]!++;
  }
}

/** Quickselect (Hoare): afterwards a[0..k) hold the k smallest of a[0..n), in no order. */
function selectSmallest(a: Float64Array, n: number, k: number): void {
  let lo = 0;
  let hi = n - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return;
  }
}

/** allocateInto with its own buffers and the `allocate` fallback: the same answer as `allocate`. */
export function allocateCents(amount: number, fractions: readonly number[]): number[] {
  const n = fractions.length;
  const f = Float64Array.from(fractions);
  const out = new Float64Array(n);
  if (!allocateInto(amount, f, n, out, new Float64Array(n))) return allocate(amount, fractions);
  return Array.from(out);
}
