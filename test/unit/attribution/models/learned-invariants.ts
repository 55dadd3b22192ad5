// Shared checks for learned (data-driven) models, ATTRIBUTION.md §7.1–7.2 and §7.4.

import { expect } from 'vitest';
import type { LearnedModel } from '../../../../src/attribution/models/model.js';

/** Relative difference, absolute below 1. */
export const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

/** A deterministic permutation of `rows` that depends on `seed`. */
export function shuffledBy<T>(rows: readonly T[], seed: number): T[] {
  return rows
    .map((r, i) => ({ r, k: Math.imul(i + 1, seed | 1) >>> 0 }))
    .sort((x, y) => x.k - y.k)
    .map((x) => x.r);
}

/** Non-negative credits whose conversions and value add up to the totals (1e−9 relative). */
export function expectNonNegativeAndConserving(m: LearnedModel): void {
  let conv = 0;
  let value = 0;
  for (const c of m.channels) {
    expect(c.conversions).toBeGreaterThanOrEqual(0);
    expect(c.value).toBeGreaterThanOrEqual(0);
    conv += c.conversions;
    value += c.value;
  }
  expect(rel(conv, m.totalConversions)).toBeLessThan(1e-9);
  expect(rel(value, m.totalValue)).toBeLessThan(1e-9);
}
