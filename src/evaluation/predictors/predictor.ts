// The one interface of a data-driven model under evaluation (STYLE.md §3): fitted on the path rows
// of some closed deals (won → conversion, lost → null, ATTRIBUTION.md §4.1), it gives portal-wide
// channel shares, its raw per-channel effects and, for models that learn from both outcomes, the
// probability that a closed journey was won. One file per model family implements it.

import { channelWeights } from '../../attribution/index.js';
import type { Journey, LearnedModel, PathSet } from '../../attribution/index.js';
import type { Result } from '../../kernel/index.js';

export interface FittedModel {
  /** Portal-wide share of credit per channel of the paths: Σ = 1 (all 0 when nothing has credit). */
  readonly channelShares: ReadonlyMap<string, number>;
  /**
   * P(won | journey) for a closed deal's journey. Absent for a model that learns from conversions
   * only (it has no notion of a lost deal). Prediction structures are built on the first call, so
   * a fit used only for its shares (bootstrap) does not pay for them.
   */
  readonly predict?: (journey: Journey) => number;
  /** The model's raw effect per channel, for comparison with planted effects (see effects.ts). */
  effects(): ReadonlyMap<string, number>;
}

export interface Predictor {
  /** The id the evaluation reports (`markov_o2`, `shapley`, …). */
  readonly id: string;
  fit(paths: PathSet): Result<FittedModel>;
}

/** Won / closed over all rows of the paths, empty journeys included; 0 without deals. */
export function winRate(paths: PathSet): number {
  const won = paths.totalConversions + paths.unattributed.conversions;
  const all = won + paths.totalNulls + paths.unattributed.nulls;
  return all > 0 ? won / all : 0;
}

/** W_c of ATTRIBUTION.md §4.5: what the engine applies to each deal. */
export function learnedShares(learned: LearnedModel): ReadonlyMap<string, number> {
  return channelWeights(learned);
}

/**
 * Channel ids (indices into paths.channels) of a journey's touches, in journey order, leaving out
 * channels the fitted paths never saw: the engine gives those weight 0, and a model can say
 * nothing about them.
 */
export function knownChannelIds(journey: Journey, ids: ReadonlyMap<string, number>): number[] {
  const out: number[] = [];
  for (const t of journey.touches) {
    const id = ids.get(t.channel);
    if (id !== undefined) out.push(id);
  }
  return out;
}

/** Channel name → id of a PathSet. */
export function channelIds(paths: PathSet): ReadonlyMap<string, number> {
  return new Map(paths.channels.map((c, i) => [c, i] as const));
}

/** Distinct ascending ids (a journey's channel set). */
export function distinctSorted(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}
