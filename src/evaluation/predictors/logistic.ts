// Regularised logistic regression of won vs lost on a deal's distinct channels (issue 11 item 2)
// under evaluation, fitted by the engine's src/attribution/logistic/fit.ts.
//
// Predictive score: σ(β₀ + Σ_{c ∈ S} β_c) over the journey's distinct known channels S (an empty
// journey gets σ(β₀), the model's own answer). Effects: β_c. Shares: each won deal's conversion is
// split over its channels by their positive contributions β⁺_c = max(β_c, 0) (the model's per-deal
// credit), summed over won deals and normalised; a won deal none of whose channels has β > 0 adds
// nothing. Like the engine's model it learns only from won and lost journeys with a touch, and only
// from a converged fit (without wins or without losses the fit has no minimum: it would score every
// deal 0.5 and give no channel a share, as if it had learned that).

import type { Journey, PathSet } from '../../attribution/index.js';
import { err, ok } from '../../kernel/index.js';
import { fitLogistic, type LogisticOptions, type LogisticRow } from '../../attribution/index.js';
import { logisticOptions } from '../../attribution/index.js';
import {
  channelIds,
  distinctSorted,
  knownChannelIds,
  type FittedModel,
  type Predictor,
} from './predictor.js';

/** The engine model's default penalty, so the evaluation judges the model the portal would run. */
export const LOGISTIC_L2 = logisticOptions.parse({}).l2;

export function logisticPredictor(options: LogisticOptions = { l2: LOGISTIC_L2 }): Predictor {
  return {
    id: 'logistic',
    fit(paths) {
      // The engine's model (models/logistic.ts) refuses to learn without won or without lost
      // journeys, and when Newton's method does not converge: so does the model under evaluation.
      if (!(paths.totalConversions > 0)) {
        return err('no_conversions', 'no path converts: there are no won journeys to learn from');
      }
      if (!(paths.totalNulls > 0)) {
        return err(
          'needs_nulls',
          'logistic regression compares converting with non-converting journeys, and no path ' +
            'has any non-converting one',
        );
      }
      const rows = logisticRows(paths);
      const fit = fitLogistic(rows, paths.channels.length, options);
      if (!fit.converged) {
        return err(
          'logistic_not_converged',
          `Newton's method stopped after ${fit.iterations} steps with gradient ${fit.maxGradient}`,
        );
      }
      const beta = fit.coefficients;
      const ids = channelIds(paths);
      const fitted: FittedModel = {
        channelShares: positiveShares(paths.channels, rows, beta),
        predict: (journey: Journey) => {
          let z = fit.intercept;
          for (const c of distinctSorted(knownChannelIds(journey, ids))) z += beta[c]!;
          return sigmoid(z);
        },
        effects: () => new Map(paths.channels.map((c, i) => [c, beta[i]!] as const)),
      };
      return ok(fitted);
    },
  };
}

/**
 * One row per distinct channel set (ascending ids) with its wins and losses, in order of first
 * appearance over the PathSet's canonical rows; empty journeys form the row with no channel.
 * Sets without deals (weight 0 in a resample) are left out.
 */
export function logisticRows(paths: PathSet): LogisticRow[] {
  const rows = new Map<string, { channels: number[]; wins: number; losses: number }>();
  const add = (channels: number[], wins: number, losses: number) => {
    if (!(wins + losses > 0)) return;
    const key = channels.join(',');
    const row = rows.get(key);
    if (row === undefined) rows.set(key, { channels, wins, losses });
    else {
      row.wins += wins;
      row.losses += losses;
    }
  };
  const { unattributed } = paths;
  add([], unattributed.conversions, unattributed.nulls);
  for (let r = 0; r < paths.size; r++) {
    const steps = Array.from(paths.steps.subarray(paths.offsets[r], paths.offsets[r + 1]));
    add(distinctSorted(steps), paths.conversions[r]!, paths.nulls[r]!);
  }
  return [...rows.values()];
}

function positiveShares(
  channels: readonly string[],
  rows: readonly LogisticRow[],
  beta: Float64Array,
): ReadonlyMap<string, number> {
  const credit = new Float64Array(channels.length);
  let total = 0;
  for (const row of rows) {
    let positive = 0;
    for (const c of row.channels) positive += Math.max(0, beta[c]!);
    if (!(row.wins > 0 && positive > 0)) continue;
    for (const c of row.channels) {
      credit[c] = credit[c]! + (row.wins * Math.max(0, beta[c]!)) / positive;
    }
    total += row.wins;
  }
  return new Map(channels.map((c, i) => [c, total > 0 ? credit[i]! / total : 0] as const));
}

/** 1 / (1 + e^−z), without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
