// The one interface every attribution model implements (STYLE.md §3). Two families:
// - rule models turn one deal's journey into fractions per touch;
// - data-driven models learn channel credit over all paths of a portal (or a path file) and are
//   then applied per deal (ATTRIBUTION.md §4.5, see ../apply-learned.ts).

import type { z } from 'zod';
import type { PathSet } from '../paths/path-set.js';
import {
  modelInfo,
  type BucketWeights,
  type DataDrivenModelId,
  type ModelId,
  type Role,
} from '../../domain/index.js';
import type { Result } from '../../kernel/index.js';
import type { Journey } from '../types.js';

/** A model's label and summary: the domain's, the one wording the card, settings and CLI show. */
export function modelText(id: ModelId): { readonly label: string; readonly summary: string } {
  const { label, summary } = modelInfo(id);
  return { label, summary };
}

/** One touch's share of the deal under a rule model, with what earned it (for the reason). */
export interface Share {
  readonly fraction: number;
  /** Roles this touch holds that the model weights positively. */
  readonly roles: readonly Role[];
  /** True when (part of) the share is the middle bucket. */
  readonly middle: boolean;
}

interface ModelBase<O> {
  readonly id: ModelId;
  /** Bump when the maths changes (results computed by an older version are recomputed). */
  readonly version: number;
  /** The domain's `modelInfo(id).label`. */
  readonly label: string;
  /** One line for the README and the settings page (the domain's `modelInfo(id).summary`). */
  readonly summary: string;
  /** Strict schema of the model's options, with defaults. */
  readonly options: z.ZodType<O>;
}

export interface RuleModel<O = unknown> extends ModelBase<O> {
  readonly kind: 'rule';
  /**
   * Fractions for a non-empty journey, one per touch, Σ = 1 (|Σ − 1| ≤ 1e−12). Custom weights with
   * no present bucket give `no_weighted_role`.
   */
  assign(journey: Journey, options: O): Result<Share[], 'no_weighted_role'>;
  /**
   * The same fractions as `assign`, bit for bit, written into out[0..n) for the n touches of a
   * non-empty journey, with no per-touch objects: the bulk path of recomputes and write-back,
   * where reasons are not needed. `assign` is built on it, so there is one computation.
   */
  fractionsInto(journey: Journey, options: O, out: Float64Array): Result<void, 'no_weighted_role'>;
  /** Position weights (undefined for time decay). Path files accept FIRST, LAST, LND, MID only. */
  weights?(options: O): BucketWeights;
}

/** A channel's learned credit. */
export interface ChannelCredit {
  readonly channel: string;
  readonly conversions: number;
  readonly value: number;
  /** Markov only. */
  readonly removalEffect?: number;
  /** Logistic only: the channel's coefficient β_c (change in the log-odds of a win). */
  readonly coefficient?: number;
  /** Logistic only, with the bootstrap on: 90% percentile interval of β_c. */
  readonly interval?: { readonly lo: number; readonly hi: number };
}

export interface LearnedModel {
  readonly model: DataDrivenModelId;
  /** Sorted by channel name (code-unit order); every channel of the paths appears. */
  readonly channels: readonly ChannelCredit[];
  readonly totalConversions: number;
  readonly totalValue: number;
  /** Markov: probability of conversion from START in the full chain. */
  readonly conversionProbability?: number;
  readonly order?: number;
  readonly useNulls?: boolean;
  /** Logistic: the intercept α (log-odds of a win with no channel), the L2 penalty, resamples. */
  readonly intercept?: number;
  readonly l2?: number;
  readonly bootstrap?: number;
  /** Logistic with the bootstrap on: the seed of its resampling. */
  readonly seed?: number;
  /** Human-readable caveats (e.g. "all nulls are 0: every observed set converts"). */
  readonly warnings: readonly string[];
}

export type LearnError =
  | 'no_conversions'
  /** A model that compares converting with non-converting journeys found no non-converting one. */
  | 'needs_nulls'
  | 'markov_not_converged'
  | 'logistic_not_converged'
  | 'shapley_set_too_large';

export interface DataDrivenModel<O = unknown> extends ModelBase<O> {
  readonly kind: 'data_driven';
  learn(paths: PathSet, options: O): Result<LearnedModel, LearnError>;
}

export type AttributionModel = RuleModel<never> | DataDrivenModel<never>;
