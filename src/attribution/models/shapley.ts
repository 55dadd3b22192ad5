// Shapley value on conversion rates (ATTRIBUTION.md §4.4, compatible with DP6's
// Marketing-Attribution-Models): the players of a converting journey are its distinct channels,
// a coalition T is worth its observed conversion rate, and the journey's conversions and value
// are split by the clamped Shapley shares. Cost is O(2^m · m) per converting set of m channels:
// exponential in the distinct channels of one journey, not in the portal's channel count.

import { z } from 'zod';
import type { PathSet } from '../paths/path-set.js';
import { err, ok, type Result } from '../../kernel/index.js';
import { ChannelSets } from '../shapley/channel-sets.js';
import {
  DENSE_LIMIT,
  exactShapley,
  sampledShapley,
  samplingOrders,
  SubsetTable,
} from '../shapley/set-shapley.js';
import { modelText, type DataDrivenModel, type LearnedModel, type LearnError } from './model.js';

export const shapleyOptions = z.strictObject({
  /** Largest distinct-channel set computed exactly (2^m coalitions). */
  maxExactChannels: z.number().int().min(1).max(20).default(15),
  /** Estimate larger sets from random orders instead of failing. */
  sampling: z.boolean().default(false),
  /** Sampling: max |φ̂ − φ| per channel … */
  epsilon: z.number().gt(0).lt(1).default(0.005),
  /** … with probability ≥ 1 − delta. */
  delta: z.number().gt(0).lt(1).default(0.01),
});
export type ShapleyOptions = z.output<typeof shapleyOptions>;

function learn(paths: PathSet, options: ShapleyOptions): Result<LearnedModel, LearnError> {
  if (!(paths.totalConversions > 0)) {
    return err('no_conversions', 'no path converts: there is no credit to share');
  }
  const sets = new ChannelSets(paths);

  if (!options.sampling) {
    const large: number[] = [];
    for (let s = 0; s < sets.size; s++) {
      if (sets.conversions[s]! > 0 && sets.sizeOf(s) > options.maxExactChannels) large.push(s);
    }
    const first = large[0];
    if (first !== undefined) {
      const more = large.length > 1 ? ` (${large.length} converting sets are this large)` : '';
      return err(
        'shapley_set_too_large',
        `channel set ${sets.label(first)} has ${sets.sizeOf(first)} distinct channels, more than ` +
          `maxExactChannels = ${options.maxExactChannels}${more}: raise maxExactChannels (at most ` +
          `20) or turn sampling on`,
      );
    }
  }

  const table = new SubsetTable(sets);
  const conversions = new Float64Array(sets.channels.length);
  const values = new Float64Array(sets.channels.length);
  const phi = new Float64Array(sets.channels.length);
  const warnings: string[] = [];
  let stranded = 0;
  // Sets in first-appearance order over the PathSet's canonical rows, members in id (= code-unit)
  // order: both depend only on the merged paths, so results are bit-identical for any row order.
  for (let s = 0; s < sets.size; s++) {
    const conv = sets.conversions[s]!;
    if (!(conv > 0)) {
      stranded += sets.values[s]!;
      continue;
    }
    const m = sets.sizeOf(s);
    if (m <= options.maxExactChannels) {
      exactShapley(table.fill(s), m, phi);
    } else {
      const orders = samplingOrders(m, options.epsilon, options.delta);
      sampledShapley(sets, s, orders, m <= DENSE_LIMIT ? table.fill(s) : null, phi);
      warnings.push(
        `sampled ${sets.label(s)} (${m} channels) from ${orders} random orders: each value ` +
          `within ±${options.epsilon} of the exact one with probability ≥ ${1 - options.delta}`,
      );
    }
    let positive = 0;
    for (let k = 0; k < m; k++) {
      if (phi[k]! > 0) positive += phi[k]!;
      else phi[k] = 0; // §4.4 step 3: negative contributions are clamped
    }
    // Σ φ = v(S) > 0 exactly (and telescopes for every sampled order), so some φ is positive.
    if (!(positive > 0)) throw new Error(`shapley: no positive value in ${sets.label(s)}`);
    const value = sets.values[s]!;
    for (let k = 0, i = sets.offsets[s]!; k < m; k++, i++) {
      const c = sets.members[i]!;
      const share = phi[k]! / positive;
      conversions[c] = conversions[c]! + share * conv;
      values[c] = values[c]! + share * value;
    }
  }
  if (paths.totalNulls === 0) {
    warnings.push('every observed set converts: conversion rates are all 1');
  }
  if (stranded > 0) {
    // A set that never converts has v = 0 and no shares, so value recorded on it cannot follow.
    warnings.push(
      `${stranded} of value is on channel sets without conversions and is not attributed`,
    );
  }
  return ok({
    model: 'shapley',
    channels: sets.channels.map((channel, c) => ({
      channel,
      conversions: conversions[c]!,
      value: values[c]!,
    })),
    totalConversions: paths.totalConversions,
    totalValue: paths.totalValue,
    warnings,
  });
}

export const shapley: DataDrivenModel<ShapleyOptions> = {
  id: 'shapley',
  kind: 'data_driven',
  version: 1,
  ...modelText('shapley'),
  options: shapleyOptions,
  learn,
};
