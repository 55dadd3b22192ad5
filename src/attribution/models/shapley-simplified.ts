// Simplified Shapley (ATTRIBUTION.md §4.3; Zhao, Mahboobi & Bagheri 2018, Google Ads Data Hub):
// each converting row gives conv/|S| and value/|S| to every channel of its distinct set S. It is the
// exact Shapley value of v(S) = Σ_{T⊆S} R(T), R(T) = conversions with channel set exactly T, and
// runs in one pass over the touches. Nulls play no part.

import { z } from 'zod';
import type { PathSet } from '../paths/path-set.js';
import { err, ok, type Result } from '../../kernel/index.js';
import { modelText, type DataDrivenModel, type LearnedModel, type LearnError } from './model.js';

export const shapleySimplifiedOptions = z.strictObject({});
export type ShapleySimplifiedOptions = z.output<typeof shapleySimplifiedOptions>;

function learn(paths: PathSet): Result<LearnedModel, LearnError> {
  if (!(paths.totalConversions > 0)) {
    return err('no_conversions', 'no path converts: there is no credit to share');
  }
  const n = paths.channels.length;
  const conversions = new Float64Array(n);
  const values = new Float64Array(n);
  const seen = new Int32Array(n).fill(-1);
  const set = new Int32Array(n);
  // Rows in the PathSet's canonical order, channels in first-seen order within a row: the sums
  // are bit-identical for any input row order.
  for (let r = 0; r < paths.size; r++) {
    const conv = paths.conversions[r]!;
    const value = paths.values[r]!;
    // §4.3 credits converting rows; value on a row without conversions (odd, but possible in a
    // path file) is split the same way, so Σ value = V_tot always holds.
    if (!(conv > 0 || value > 0)) continue;
    let m = 0;
    for (let i = paths.offsets[r]!; i < paths.offsets[r + 1]!; i++) {
      const c = paths.steps[i]!;
      if (seen[c] !== r) {
        seen[c] = r;
        set[m++] = c;
      }
    }
    const convShare = conv / m;
    const valueShare = value / m;
    for (let k = 0; k < m; k++) {
      const c = set[k]!;
      conversions[c] = conversions[c]! + convShare;
      values[c] = values[c]! + valueShare;
    }
  }
  return ok({
    model: 'shapley_simplified',
    channels: paths.channels.map((channel, c) => ({
      channel,
      conversions: conversions[c]!,
      value: values[c]!,
    })),
    totalConversions: paths.totalConversions,
    totalValue: paths.totalValue,
    warnings: [],
  });
}

export const shapleySimplified: DataDrivenModel<ShapleySimplifiedOptions> = {
  id: 'shapley_simplified',
  kind: 'data_driven',
  version: 1,
  ...modelText('shapley_simplified'),
  options: shapleySimplifiedOptions,
  learn,
};
