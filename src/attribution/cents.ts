// Fractions → integer cents by the largest remainder of ATTRIBUTION.md §3, tuned for attributing
// every deal of a portal under every model (bench/rules.ts): no per-call closures, no comparator
// sort, no fresh typed arrays. It must equal money.ts `allocate` exactly; a property test checks.

import { allocate } from './money.js';

/**
 * Writes the allocation of `amount` over fractions[0..n) into out[0..n) and returns true, or
 * returns false for the rare cases left to `allocate` (negative amounts or fractions, a zero sum,
 * floating error making Σ floor(e) exceed the amount, journeys over a million touches).
 *
 * Same floors b and remainder ranks q = round((e − b)·1e9) as `allocate`. Ranks are packed into
 * one float key per touch, (1e9 − q)·n + i (exact below 2^53), so the R smallest keys are the R
 * largest remainders with ties to the earlier touch; quickselect finds them in O(n).
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
  for (let i = 0; i < n; i++) {
    const f = fractions[i]!;
    if (f < 0) return false;
    const e = (amount * f) / s;
    const b = Math.floor(e);
    out[i] = b;
    rest -= b;
    const q = f === 0 ? -1 : Math.round((e - b) * 1e9);
    keys[i] = (1e9 - q) * n + i;
  }
  if (rest < 0) return false;
  if (rest > 0) {
    const r = Math.min(rest, n);
    selectSmallest(keys, n, r);
    for (let k = 0; k < r; k++) {
      // key − ⌊key/n⌋·n is exact for n ≤ 10^6 and much cheaper than a float `%` (fmod).
      const key = keys[k]!;
      out[key - Math.floor(key / n) * n]!++;
    }
  }
  return true;
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
