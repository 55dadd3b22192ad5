// The engine's Markov model (ATTRIBUTION.md §4.2, with nulls) under evaluation.
//
// Shares: W_c = RE_c / Σ RE (§4.5), what the engine applies per deal. Effects: RE_c itself.
//
// Predictive score: the learned chain's probability of absorbing in CONV from the journey's final
// state, x(s_last) (absorption.ts). That is the chain's own belief about a buyer in that state; it
// uses the chain's structure rather than only the win rate of journeys that ended there. The final
// state of order k is the last k channels (the whole path when shorter), which is exactly the last
// k-gram of §4.2. A state the training chain never saw backs off to a shorter history: the last
// k − 1 channels in the order-(k − 1) chain of the same paths, down to order 1, then START
// (x(START) = p). Channels the training deals never saw are left out of the journey first; a journey
// with no known channel (or no touch) gets the training win rate, as the baseline does.

import { buildChain } from '../../attribution/index.js';
import { absorptionProbabilities, stateIndex } from '../../attribution/index.js';
import { markov, markovOptions } from '../../attribution/index.js';
import type { Journey, PathSet } from '../../attribution/index.js';
import { ok } from '../../kernel/index.js';
import {
  channelIds,
  knownChannelIds,
  learnedShares,
  winRate,
  type FittedModel,
  type Predictor,
} from './predictor.js';

export type MarkovOrder = 1 | 2 | 3 | 4;

export function markovPredictor(order: MarkovOrder): Predictor {
  const options = markovOptions.parse({ order, useNulls: true });
  return {
    id: `markov_o${order}`,
    fit(paths) {
      const learned = markov.learn(paths, options);
      if (!learned.ok) return learned;
      let predict: ((journey: Journey) => number) | undefined;
      const fitted: FittedModel = {
        channelShares: learnedShares(learned.value),
        predict: (journey) => (predict ??= markovScorer(paths, order))(journey),
        effects: () =>
          new Map(learned.value.channels.map((c) => [c.channel, c.removalEffect ?? 0] as const)),
      };
      return ok(fitted);
    },
  };
}

interface Level {
  readonly x: Float64Array;
  readonly find: (tuple: readonly number[]) => number;
}

/** x(s_last) with back-off, from chains of orders 1..order over `paths`. */
export function markovScorer(paths: PathSet, order: MarkovOrder): (journey: Journey) => number {
  const levels: Level[] = [];
  for (let k = 1; k <= order; k++) {
    const chain = buildChain(paths, k, true);
    const x = absorptionProbabilities(chain);
    // learn() solved the same chain, so this system converges too; failing here is a bug.
    if (!x.ok) throw new Error(`markov order ${k}: ${x.message}`);
    levels.push({ x: x.value, find: stateIndex(chain) });
  }
  const ids = channelIds(paths);
  const base = winRate(paths);
  return (journey) => {
    const path = knownChannelIds(journey, ids);
    if (path.length === 0) return base;
    for (let k = order; k >= 1; k--) {
      const level = levels[k - 1]!;
      const s = level.find(path.slice(Math.max(0, path.length - k)));
      if (s > 0) return level.x[s]!;
    }
    return levels[0]!.x[0]!;
  };
}
