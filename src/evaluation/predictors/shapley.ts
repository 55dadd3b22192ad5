// The engine's two Shapley models under evaluation.
//
// `shapley` (conversion rates, ATTRIBUTION.md §4.4). Shares: W_c = its learned conversions / C_tot
// (§4.5). Effects: the mean Shapley value of the channel per journey that contains it
// (shapley-effects.ts). Predictive score: the model's characteristic function is the observed
// conversion rate of a channel set, so a journey is scored by the training win rate of its
// distinct channel set S, smoothed towards the training base rate b with SHAPLEY_SMOOTHING
// pseudo-deals: (wins + α·b) / (deals + α). A set never seen in training backs off to its largest
// observed subsets, pooled (their wins and deals summed), then to b. Channels the training deals
// never saw are left out of S first.
//
// `shapley_simplified` (§4.3) ignores lost deals, so it has shares (and effects: its credit) but
// no P(win): its predictive metrics are null.

import { shapleySimplified } from '../../attribution/index.js';
import { shapley, shapleyOptions } from '../../attribution/index.js';
import { ChannelSets } from '../../attribution/index.js';
import type { Journey, PathSet } from '../../attribution/index.js';
import { ok } from '../../kernel/index.js';
import {
  channelIds,
  distinctSorted,
  knownChannelIds,
  learnedShares,
  winRate,
  type FittedModel,
  type Predictor,
} from './predictor.js';
import { meanShapleyValues } from './shapley-effects.js';

/** Pseudo-deals at the base rate added to every channel set's record (α). */
export const SHAPLEY_SMOOTHING = 5;

/** `options`: the engine's Shapley options (maxExactChannels, sampling, …), defaults if omitted. */
export function shapleyPredictor(options?: unknown): Predictor {
  const parsed = shapleyOptions.parse(options ?? {});
  return {
    id: 'shapley',
    fit(paths) {
      const learned = shapley.learn(paths, parsed);
      if (!learned.ok) return learned;
      let predict: ((journey: Journey) => number) | undefined;
      const fitted: FittedModel = {
        channelShares: learnedShares(learned.value),
        predict: (journey) => (predict ??= setRateScorer(paths))(journey),
        effects: () => meanShapleyValues(paths, parsed.maxExactChannels),
      };
      return ok(fitted);
    },
  };
}

export const shapleySimplifiedPredictor: Predictor = {
  id: 'shapley_simplified',
  fit(paths) {
    const learned = shapleySimplified.learn(paths, {});
    if (!learned.ok) return learned;
    const fitted: FittedModel = {
      channelShares: learnedShares(learned.value),
      effects: () => new Map(learned.value.channels.map((c) => [c.channel, c.conversions])),
    };
    return ok(fitted);
  },
};

/** The smoothed win rate of a journey's channel set, with subset back-off (see the header). */
export function setRateScorer(paths: PathSet): (journey: Journey) => number {
  const sets = new ChannelSets(paths);
  const base = winRate(paths);
  const exact = new Map<string, number>();
  /** Observed sets (deals > 0) by size. */
  const bySize: number[][] = [];
  for (let s = 0; s < sets.size; s++) {
    if (!(sets.conversions[s]! + sets.nulls[s]! > 0)) continue;
    exact.set(membersOf(sets, s).join(','), s);
    (bySize[sets.sizeOf(s)] ??= []).push(s);
  }
  const inSet = new Uint8Array(paths.channels.length);
  const ids = channelIds(paths);
  const smooth = (wins: number, deals: number) =>
    (wins + SHAPLEY_SMOOTHING * base) / (deals + SHAPLEY_SMOOTHING);
  return (journey) => {
    const set = distinctSorted(knownChannelIds(journey, ids));
    if (set.length === 0) return base;
    const s = exact.get(set.join(','));
    if (s !== undefined) return smooth(sets.conversions[s]!, sets.conversions[s]! + sets.nulls[s]!);
    for (const c of set) inSet[c] = 1;
    let wins = 0;
    let deals = 0;
    for (let size = set.length - 1; size >= 1 && deals === 0; size--) {
      for (const t of bySize[size] ?? []) {
        let inside = true;
        for (let i = sets.offsets[t]!; i < sets.offsets[t + 1]! && inside; i++) {
          inside = inSet[sets.members[i]!] === 1;
        }
        if (!inside) continue;
        wins += sets.conversions[t]!;
        deals += sets.conversions[t]! + sets.nulls[t]!;
      }
    }
    for (const c of set) inSet[c] = 0;
    return deals > 0 ? smooth(wins, deals) : base;
  };
}

function membersOf(sets: ChannelSets, s: number): number[] {
  return Array.from(sets.members.subarray(sets.offsets[s], sets.offsets[s + 1]));
}
