// One model on a path file (ATTRIBUTION.md §5): position models on the raw paths, or a
// data-driven model learned from them. Models that need timestamps or milestones (time decay,
// u/w-shaped, full path, custom weights on LC/OC/CW) are `model_not_applicable`.

import type { z } from 'zod';
import {
  isModelId,
  isRuleModelId,
  type BucketWeights as RoleWeights,
  type ModelId,
} from '../../domain/index.js';
import type { ChannelCredit, LearnError } from '../models/model.js';
import { getModel, getRuleModel } from '../models/registry.js';
import { err, ok, type Result } from '../../kernel/index.js';
import { DEFAULT_DIRECT_CHANNELS, pathHeuristic, weightsApplyToPaths } from './heuristics.js';
import type { PathSet } from './path-set.js';

export interface PathModelOptions {
  /** Markov only: 1–4 (default 1). */
  readonly order?: number;
  /** Markov only: count nulls (default true). */
  readonly useNulls?: boolean;
  /** Custom only: weights over FIRST, LAST, LND, MID (scale-free). */
  readonly weights?: RoleWeights;
  /** Shapley only: largest channel set computed exactly (default 15, at most 20). */
  readonly maxExactChannels?: number;
  /** Shapley only: estimate larger sets from random orders instead of failing. */
  readonly sampling?: boolean;
  /** Logistic only: L2 penalty (default 1). */
  readonly l2?: number;
  /** Logistic only: bootstrap resamples for the intervals (default 200, 0 = none). */
  readonly bootstrap?: number;
  /** Logistic only: seed of the bootstrap (default 1). */
  readonly seed?: number;
  /** last_non_direct and custom LND: channels treated as direct (case-insensitive). */
  readonly directChannels?: readonly string[];
}

/** The result of `paths --json`: one object, channels sorted by name (code-unit order). */
export interface PathModelOutput {
  readonly model: ModelId;
  readonly order?: number;
  readonly useNulls?: boolean;
  readonly totalConversions: number;
  readonly totalValue: number;
  readonly conversionProbability?: number;
  /** Logistic: intercept, penalty, bootstrap resamples and seed. */
  readonly intercept?: number;
  readonly l2?: number;
  readonly bootstrap?: number;
  readonly seed?: number;
  readonly channels: readonly ChannelCredit[];
  /** Rows with an empty path: excluded from the totals (§4.1). */
  readonly unattributed?: {
    readonly rows: number;
    readonly conversions: number;
    readonly value: number;
  };
  readonly warnings?: readonly string[];
}

export type PathModelError = 'unknown_model' | 'model_not_applicable' | 'bad_options' | LearnError;

export function runPathModel(
  paths: PathSet,
  modelId: string,
  options: PathModelOptions = {},
): Result<PathModelOutput, PathModelError> {
  if (!isModelId(modelId)) return err('unknown_model', `unknown model "${modelId}"`);
  const misplaced =
    modelId !== 'markov' && (options.order !== undefined || options.useNulls !== undefined)
      ? 'order and useNulls apply only to markov'
      : modelId !== 'custom' && options.weights !== undefined
        ? 'weights apply only to custom'
        : modelId !== 'shapley' &&
            (options.maxExactChannels !== undefined || options.sampling !== undefined)
          ? 'maxExactChannels and sampling apply only to shapley'
          : modelId !== 'logistic' &&
              (options.l2 !== undefined ||
                options.bootstrap !== undefined ||
                options.seed !== undefined)
            ? 'l2, bootstrap and seed apply only to logistic'
            : undefined;
  if (misplaced) return err('bad_options', misplaced);
  const u = paths.unattributed;
  const unattributed =
    u.rows > 0
      ? { unattributed: { rows: u.rows, conversions: u.conversions, value: u.value } }
      : {};

  if (isRuleModelId(modelId)) {
    const weights = ruleWeights(modelId, options.weights);
    if (!weights.ok) return weights;
    const channels = pathHeuristic(
      paths,
      weights.value,
      options.directChannels ?? DEFAULT_DIRECT_CHANNELS,
    );
    return ok({
      model: modelId,
      totalConversions: paths.totalConversions,
      totalValue: paths.totalValue,
      channels,
      ...unattributed,
    });
  }

  const model = getModel(modelId);
  if (model.kind !== 'data_driven')
    throw new Error(`${modelId} is neither a rule nor a data-driven model`);
  const raw =
    modelId === 'markov'
      ? {
          ...(options.order !== undefined && { order: options.order }),
          ...(options.useNulls !== undefined && { useNulls: options.useNulls }),
        }
      : modelId === 'shapley'
        ? {
            ...(options.maxExactChannels !== undefined && {
              maxExactChannels: options.maxExactChannels,
            }),
            ...(options.sampling !== undefined && { sampling: options.sampling }),
          }
        : modelId === 'logistic'
          ? {
              ...(options.l2 !== undefined && { l2: options.l2 }),
              ...(options.bootstrap !== undefined && { bootstrap: options.bootstrap }),
              ...(options.seed !== undefined && { seed: options.seed }),
            }
          : {};
  const parsed = model.options.safeParse(raw);
  if (!parsed.success) return err('bad_options', issues(parsed.error));
  const learned = model.learn(paths, parsed.data);
  if (!learned.ok) return learned;
  const m = learned.value;
  return ok({
    model: modelId,
    ...(m.order !== undefined && { order: m.order }),
    ...(m.useNulls !== undefined && { useNulls: m.useNulls }),
    totalConversions: m.totalConversions,
    totalValue: m.totalValue,
    ...(m.conversionProbability !== undefined && {
      conversionProbability: m.conversionProbability,
    }),
    ...(m.intercept !== undefined && { intercept: m.intercept }),
    ...(m.l2 !== undefined && { l2: m.l2 }),
    ...(m.bootstrap !== undefined && { bootstrap: m.bootstrap }),
    ...(m.seed !== undefined && { seed: m.seed }),
    channels: m.channels.map((c) => ({
      channel: c.channel,
      conversions: c.conversions,
      value: c.value,
      ...(c.removalEffect !== undefined && { removalEffect: c.removalEffect }),
      ...(c.coefficient !== undefined && { coefficient: c.coefficient }),
      ...(c.interval !== undefined && { interval: { lo: c.interval.lo, hi: c.interval.hi } }),
    })),
    ...unattributed,
    ...(m.warnings.length > 0 && { warnings: m.warnings }),
  });
}

/** Position weights of a rule model on a path file, or why it cannot run on one. */
export function ruleWeights(
  modelId: Parameters<typeof getRuleModel>[0],
  custom: RoleWeights | undefined,
): Result<RoleWeights, 'model_not_applicable' | 'bad_options'> {
  const model = getRuleModel(modelId);
  if (modelId === 'custom' && custom === undefined) {
    return err('bad_options', 'custom needs weights over FIRST, LAST, LND and MID');
  }
  const parsed = model.options.safeParse(modelId === 'custom' ? { weights: custom } : {});
  if (!parsed.success) return err('bad_options', issues(parsed.error));
  const weights = model.weights?.(parsed.data);
  if (weights === undefined) {
    return err('model_not_applicable', `${modelId} needs touch timestamps, which path files lack`);
  }
  if (!weightsApplyToPaths(weights)) {
    const what = modelId === 'custom' ? 'custom weights on LC, OC or CW' : modelId;
    return err(
      'model_not_applicable',
      `${what} needs lead creation, deal creation or closed-won milestones, which path files lack ` +
        '(path files support FIRST, LAST, LND and MID)',
    );
  }
  return ok(weights);
}

function issues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
