// Money (ATTRIBUTION.md §3): amounts are integer minor units, converted from decimal strings
// without floats; fractions become cents by the largest-remainder method.

import { err, ok, type Result } from '../kernel/index.js';

/** ISO 4217 minor-unit exponents that differ from 2. */
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

const DECIMAL = /^\s*([+-])?(\d+)(?:\.(\d*))?\s*$|^\s*([+-])?\.(\d+)\s*$/;

/**
 * Converts a decimal string ("1500.00", "-3.5", "0.9000000000000000222") to integer minor units of
 * `currency`, rounding half away from zero, without floating point. |result| ≤ 2^53 − 1.
 */
export function toMinorUnits(
  amount: string,
  currency: string,
): Result<number, 'invalid_amount' | 'amount_too_large'> {
  const m = DECIMAL.exec(amount);
  if (!m) return err('invalid_amount', `amount "${amount}" is not a decimal number`);
  const sign = (m[1] ?? m[4]) === '-' ? -1n : 1n;
  const whole = m[2] ?? '0';
  const frac = m[3] ?? m[5] ?? '';
  const exp = currencyExponent(currency);
  const kept = (frac + '0'.repeat(exp)).slice(0, exp);
  let units = BigInt(whole + kept);
  const next = frac.charCodeAt(exp);
  if (!Number.isNaN(next) && next >= 53 /* '5' */) units += 1n; // half away from zero on |x|
  if (units > BigInt(Number.MAX_SAFE_INTEGER)) {
    return err('amount_too_large', `amount "${amount}" exceeds 2^53 − 1 minor units`);
  }
  const value = Number(sign * units);
  return ok(value === 0 ? 0 : value); // no negative zero
}

/** Formats minor units as a decimal string ("1234.56"). */
export function formatMinorUnits(units: number, currency: string): string {
  const exp = currencyExponent(currency);
  const neg = units < 0;
  const digits = Math.abs(units)
    .toString()
    .padStart(exp + 1, '0');
  const body = exp === 0 ? digits : `${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
  return neg ? `-${body}` : body;
}

/**
 * Largest remainder (§3): integer shares of `amount` proportional to `fractions` (≥ 0, Σ > 0) that
 * sum exactly to `amount`, with |a_i − e_i| < 1 and 0 for a zero fraction. Remainder ties go to
 * the smaller `tieRank` (default: the index, i.e. the earlier touch).
 */
export function allocate(
  amount: number,
  fractions: ArrayLike<number>,
  tieRank?: ArrayLike<number>,
): number[] {
  const n = fractions.length;
  if (amount < 0) return allocate(-amount, fractions, tieRank).map((a) => (a === 0 ? 0 : -a));
  let s = 0;
  for (let i = 0; i < n; i++) s += fractions[i]!;
  if (!(s > 0)) throw new RangeError('allocate: fractions must be ≥ 0 with a positive sum');
  const out = new Array<number>(n);
  const q = new Float64Array(n);
  let rest = amount;
  for (let i = 0; i < n; i++) {
    const f = fractions[i]!;
    if (f < 0) throw new RangeError(`allocate: fraction ${i} is negative`);
    const e = (amount * f) / s;
    const b = Math.floor(e);
    out[i] = b;
    rest -= b;
    q[i] = f === 0 ? -1 : Math.round((e - b) * 1e9);
  }
  if (rest > 0) {
    const idx = Array.from({ length: n }, (_, i) => i);
    const rank = tieRank ?? idx;
    idx.sort((a, b) => q[b]! - q[a]! || rank[a]! - rank[b]!);
    for (let k = 0; k < rest && k < n; k++) out[idx[k]!]!++;
  } else if (rest < 0) {
    // Floating error can push Σ floor(e_i) one past the amount: take back from the smallest remainders.
    const idx = Array.from({ length: n }, (_, i) => i).filter((i) => out[i]! > 0);
    idx.sort((a, b) => q[a]! - q[b]! || b - a);
    for (let k = 0; k < -rest && k < idx.length; k++) out[idx[k]!]!--;
  }
  return out;
}
