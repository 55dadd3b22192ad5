// A per-channel effect of the conversion-rate Shapley model, for comparison with planted effects.
//
// The model's credit (its learned conversions) grows with how often a channel occurs, so it ranks
// frequent weak channels above rare strong ones. The effect here is frequency-free: the mean
// Shapley value φ_c (§4.4 step 2, unclamped, so it can be negative) over every closed journey whose
// channel set contains c, won or lost, each set weighted by its number of deals. Sets with more than
// `maxChannels` distinct channels (2^m coalitions each) are left out.

import type { PathSet } from '../../attribution/index.js';
import { ChannelSets } from '../../attribution/index.js';
import { exactShapley, SubsetTable } from '../../attribution/index.js';

export function meanShapleyValues(
  paths: PathSet,
  maxChannels: number,
): ReadonlyMap<string, number> {
  const sets = new ChannelSets(paths);
  const table = new SubsetTable(sets);
  const n = paths.channels.length;
  const sum = new Float64Array(n);
  const weight = new Float64Array(n);
  const phi = new Float64Array(n);
  for (let s = 0; s < sets.size; s++) {
    const deals = sets.conversions[s]! + sets.nulls[s]!;
    const m = sets.sizeOf(s);
    if (!(deals > 0) || m > maxChannels) continue;
    exactShapley(table.fill(s), m, phi);
    for (let k = 0, i = sets.offsets[s]!; k < m; k++, i++) {
      const c = sets.members[i]!;
      sum[c] = sum[c]! + deals * phi[k]!;
      weight[c] = weight[c]! + deals;
    }
  }
  return new Map(
    paths.channels.map((c, i) => [c, weight[i]! > 0 ? sum[i]! / weight[i]! : 0] as const),
  );
}
