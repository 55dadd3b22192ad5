// Logistic regression of won vs lost journeys on the distinct channels that touched them (Shao &
// Li, KDD 2011), L2-regularised, intercept unpenalised; the fit is ../logistic/fit.ts, the
// intervals ../logistic/bootstrap.ts.
//
// Credit: a journey's conversions and value go to its channels in proportion to their positive
// coefficients, β⁺_c = max(β_c, 0) (a channel that does not raise the odds of a win earns
// nothing); a journey none of whose channels has β_c > 0 is split equally over its touches, as
// the per-deal rule (../apply-learned.ts, ATTRIBUTION.md §4.5) does with the same weights. So the
// channel totals here are the sums of per-journey credit and add up to C_tot and V_tot.
//
// Default penalty λ = 1, not scaled with the data: a N(0, 1) prior on each log-odds effect (a
// channel that multiplies the odds of a win by more than e² ≈ 7.4 is unusual). It keeps the fit
// unique and finite when a channel is seen only in won (or only in lost) journeys or two channels
// always co-occur, and its pull fades as journeys accumulate, so a large portal gets close to the
// plain maximum-likelihood estimate; a λ growing with n would shrink every effect by the same
// fraction however much data there is.

import { z } from 'zod';
import { bootstrapDesign, type LogisticBootstrap } from '../logistic/bootstrap.js';
import { designFromPathSet, fitDesign } from '../logistic/fit.js';
import type { PathSet } from '../paths/path-set.js';
import { err, ok, type Result } from '../../kernel/index.js';
import {
  modelText,
  type ChannelCredit,
  type DataDrivenModel,
  type LearnedModel,
  type LearnError,
} from './model.js';

export const DEFAULT_L2 = 1;
export const DEFAULT_BOOTSTRAP = 200;
export const INTERVAL_LEVEL = 0.9;

export const logisticOptions = z.strictObject({
  l2: z
    .number({ error: 'l2 must be a number > 0' })
    .gt(0, {
      error:
        'l2 must be > 0 (without a penalty a channel seen only in won journeys has no finite coefficient)',
    })
    .max(1e6, { error: 'l2 must be ≤ 1000000' })
    .default(DEFAULT_L2),
  bootstrap: z
    .int({ error: 'bootstrap must be a whole number of resamples from 0 to 10000' })
    .min(0, { error: 'bootstrap must be ≥ 0 (0 = no intervals)' })
    .max(10_000, { error: 'bootstrap must be ≤ 10000' })
    .default(DEFAULT_BOOTSTRAP),
  seed: z
    .int({ error: 'seed must be a whole number from 0 to 4294967295' })
    .min(0, { error: 'seed must be ≥ 0' })
    .max(4_294_967_295, { error: 'seed must be ≤ 4294967295' })
    .default(1),
});
export type LogisticModelOptions = z.output<typeof logisticOptions>;

function learn(paths: PathSet, options: LogisticModelOptions): Result<LearnedModel, LearnError> {
  if (!(paths.totalConversions > 0)) {
    return err('no_conversions', 'no path converts: there are no won journeys to learn from');
  }
  if (!(paths.totalNulls > 0)) {
    return err(
      'needs_nulls',
      'logistic regression compares converting with non-converting journeys, and no path has ' +
        'any non-converting one (total_null is 0 everywhere)',
    );
  }
  const { design, wins, losses } = designFromPathSet(paths);
  const fitOptions = { l2: options.l2 };
  const fit = fitDesign(design, wins, losses, fitOptions);
  if (!fit.converged) {
    return err(
      'logistic_not_converged',
      `Newton's method stopped after ${fit.iterations} steps with gradient ${fit.maxGradient}`,
    );
  }
  const boot =
    options.bootstrap > 0
      ? bootstrapDesign(
          design,
          wins,
          losses,
          fitOptions,
          { samples: options.bootstrap, seed: options.seed, level: INTERVAL_LEVEL },
          fit,
        )
      : undefined;
  const { conversions, values, fallbackConversions } = creditByCoefficients(
    paths,
    fit.coefficients,
  );
  const channels = paths.channels.map((channel, c): ChannelCredit => {
    const interval = boot?.coefficients?.[c];
    return {
      channel,
      conversions: conversions[c]!,
      value: values[c]!,
      coefficient: fit.coefficients[c]!,
      ...(interval && { interval }),
    };
  });
  return ok({
    model: 'logistic',
    channels,
    totalConversions: paths.totalConversions,
    totalValue: paths.totalValue,
    intercept: fit.intercept,
    l2: options.l2,
    bootstrap: options.bootstrap,
    ...(options.bootstrap > 0 && { seed: options.seed }),
    warnings: warnings(paths, channels, fallbackConversions, boot),
  });
}

/**
 * Per path row: conv and value split by β⁺ over the row's distinct channels, or equally over its
 * touches when no channel of the row has β > 0. Rows in canonical order: bit-identical sums for
 * any input row order.
 */
function creditByCoefficients(
  paths: PathSet,
  beta: Float64Array,
): { conversions: Float64Array; values: Float64Array; fallbackConversions: number } {
  const n = paths.channels.length;
  const conversions = new Float64Array(n);
  const values = new Float64Array(n);
  const seen = new Int32Array(n).fill(-1);
  const set = new Int32Array(n);
  const count = new Int32Array(n);
  let fallbackConversions = 0;
  for (let r = 0; r < paths.size; r++) {
    const conv = paths.conversions[r]!;
    const value = paths.values[r]!;
    if (!(conv > 0 || value > 0)) continue;
    const start = paths.offsets[r]!;
    const length = paths.offsets[r + 1]! - start;
    let m = 0;
    for (let i = start; i < start + length; i++) {
      const c = paths.steps[i]!;
      if (seen[c] !== r) {
        seen[c] = r;
        count[c] = 0;
        set[m++] = c;
      }
      count[c] = count[c]! + 1;
    }
    let positive = 0;
    for (let k = 0; k < m; k++) positive += Math.max(beta[set[k]!]!, 0);
    if (!(positive > 0)) fallbackConversions += conv;
    for (let k = 0; k < m; k++) {
      const c = set[k]!;
      const share = positive > 0 ? Math.max(beta[c]!, 0) / positive : count[c]! / length;
      conversions[c] = conversions[c]! + share * conv;
      values[c] = values[c]! + share * value;
    }
  }
  return { conversions, values, fallbackConversions };
}

function warnings(
  paths: PathSet,
  channels: readonly ChannelCredit[],
  fallbackConversions: number,
  boot: LogisticBootstrap | undefined,
): string[] {
  const out: string[] = [];
  const none = channels.filter((c) => !(c.coefficient! > 0)).map((c) => c.channel);
  if (none.length > 0) {
    out.push(
      `${none.length} channel(s) do not raise the odds of a win (coefficient ≤ 0) and earn no ` +
        `credit: ${none.join(', ')}`,
    );
  }
  if (fallbackConversions > 0) {
    out.push(
      `${fallbackConversions} conversion(s) are on paths without a channel of positive ` +
        'coefficient and are split equally over their touches',
    );
  }
  if (boot && boot.failed > 0) {
    out.push(
      `${boot.failed} of ${boot.samples} bootstrap resamples drew no win or no loss or did not ` +
        (boot.used > 0
          ? `converge; the intervals use the other ${boot.used}`
          : 'converge: no intervals'),
    );
  }
  if (paths.unattributed.rows > 0) {
    out.push(`${paths.unattributed.rows} empty path(s) excluded from the totals`);
  }
  return out;
}

export const logistic: DataDrivenModel<LogisticModelOptions> = Object.freeze({
  kind: 'data_driven',
  id: 'logistic',
  version: 1,
  ...modelText('logistic'),
  options: logisticOptions,
  learn,
});
