// Rows of the logistic fit (./fit.ts) in the compressed form it runs on: from plain rows
// (validated) or from a PathSet's distinct channel sets (wins = conversions, losses = nulls).

import type { PathSet } from '../paths/path-set.js';
import { ChannelSets } from '../shapley/channel-sets.js';
import type { LogisticDesign, LogisticRow } from './fit.js';

export interface DesignData {
  readonly design: LogisticDesign;
  readonly wins: Float64Array;
  readonly losses: Float64Array;
}

/** Validates rows (ids in range and distinct, counts finite and ≥ 0) into the compressed form. */
export function designFromRows(rows: readonly LogisticRow[], channelCount: number): DesignData {
  if (!Number.isInteger(channelCount) || channelCount < 0) {
    throw new RangeError(`channelCount must be an integer ≥ 0, got ${channelCount}`);
  }
  let total = 0;
  for (const r of rows) total += r.channels.length;
  const offsets = new Int32Array(rows.length + 1);
  const members = new Int32Array(total);
  const wins = new Float64Array(rows.length);
  const losses = new Float64Array(rows.length);
  const seen = new Int32Array(channelCount).fill(-1);
  let pos = 0;
  rows.forEach((row, r) => {
    if (!(row.wins >= 0 && row.losses >= 0 && Number.isFinite(row.wins + row.losses))) {
      throw new RangeError(`rows[${r}]: wins and losses must be finite and ≥ 0`);
    }
    const sorted = [...row.channels].sort((a, b) => a - b);
    for (const c of sorted) {
      if (!Number.isInteger(c) || c < 0 || c >= channelCount) {
        throw new RangeError(`rows[${r}]: channel ${c} is not an id in 0..${channelCount - 1}`);
      }
      if (seen[c] === r) throw new RangeError(`rows[${r}]: channel ${c} is listed twice`);
      seen[c] = r;
      members[pos++] = c;
    }
    offsets[r + 1] = pos;
    wins[r] = row.wins;
    losses[r] = row.losses;
  });
  return { design: { channelCount, size: rows.length, offsets, members }, wins, losses };
}

/**
 * Distinct channel sets of a PathSet with their counts (wins = conversions, losses = nulls), in
 * the order of first appearance over the PathSet's canonical rows, members in id order.
 */
export function designFromPathSet(paths: PathSet): DesignData {
  const sets = new ChannelSets(paths);
  const n = sets.size;
  return {
    design: {
      channelCount: paths.channels.length,
      size: n,
      offsets: sets.offsets.slice(0, n + 1),
      members: sets.members.slice(0, sets.offsets[n]),
    },
    wins: sets.conversions.slice(0, n),
    losses: sets.nulls.slice(0, n),
  };
}

/** The PathSet's distinct channel sets as rows; channel ids index `channels` (code-unit order). */
export function logisticRowsFromPathSet(paths: PathSet): {
  rows: LogisticRow[];
  channels: readonly string[];
} {
  const { design, wins, losses } = designFromPathSet(paths);
  const rows: LogisticRow[] = [];
  for (let r = 0; r < design.size; r++) {
    rows.push({
      channels: Array.from(design.members.subarray(design.offsets[r], design.offsets[r + 1])),
      wins: wins[r]!,
      losses: losses[r]!,
    });
  }
  return { rows, channels: paths.channels };
}
