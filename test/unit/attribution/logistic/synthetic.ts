// Journeys drawn from a planted logistic model, for the fit and model tests: each channel touches
// a journey independently with its own probability, and the journey is won with probability
// σ(α + Σ_{c present} β_c). Seeded with mulberry32, so every test sees the same data.

import type { LogisticRow } from '../../../../src/attribution/logistic/fit.js';
import type { PathRow } from '../../../../src/attribution/paths/path-set.js';
import { mulberry32 } from '../../../../src/kernel/index.js';

export interface Planted {
  readonly intercept: number;
  readonly coefficients: readonly number[];
  /** P(channel c touches a journey). */
  readonly reach: readonly number[];
}

export const PLANTED: Planted = {
  intercept: -1.2,
  coefficients: [0.9, -0.6, 0.3, 0, 1.4, -0.2],
  reach: [0.5, 0.4, 0.3, 0.45, 0.2, 0.35],
};

/** `journeys` journeys aggregated by channel set, in order of first appearance. */
export function plantedRows(journeys: number, seed: number, planted = PLANTED): LogisticRow[] {
  const rand = mulberry32(seed);
  const k = planted.coefficients.length;
  const byKey = new Map<number, { channels: number[]; wins: number; losses: number }>();
  for (let j = 0; j < journeys; j++) {
    let key = 0;
    let eta = planted.intercept;
    const channels: number[] = [];
    for (let c = 0; c < k; c++) {
      if (rand() < planted.reach[c]!) {
        key |= 1 << c;
        eta += planted.coefficients[c]!;
        channels.push(c);
      }
    }
    const won = rand() < 1 / (1 + Math.exp(-eta));
    let row = byKey.get(key);
    if (!row) byKey.set(key, (row = { channels, wins: 0, losses: 0 }));
    if (won) row.wins++;
    else row.losses++;
  }
  return [...byKey.values()];
}

/** The same journeys as path rows over channel names c0, c1, … (one touch per channel). */
export function plantedPaths(journeys: number, seed: number, planted = PLANTED): PathRow[] {
  return plantedRows(journeys, seed, planted).map((r) => ({
    path: r.channels.map((c) => `c${c}`),
    conversions: r.wins,
    nulls: r.losses,
    value: r.wins * 100,
  }));
}

/** The penalised gradient, written out independently of the library: (∂f/∂α, ∂f/∂β_c...). */
export function penalisedGradient(
  rows: readonly LogisticRow[],
  k: number,
  l2: number,
  intercept: number,
  beta: ArrayLike<number>,
): number[] {
  const g = new Array<number>(k + 1).fill(0);
  for (const r of rows) {
    const eta = r.channels.reduce((s, c) => s + beta[c]!, intercept);
    const p = 1 / (1 + Math.exp(-eta));
    const residual = (r.wins + r.losses) * p - r.wins;
    g[0]! += residual;
    for (const c of r.channels) g[c + 1]! += residual;
  }
  for (let c = 0; c < k; c++) g[c + 1]! += l2 * beta[c]!;
  return g;
}
