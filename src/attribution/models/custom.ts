// Custom weights (ATTRIBUTION.md §2.2, Marketo Measure's custom stages): any w ≥ 0 on the
// milestone roles and the middle, sum > 0. Scale-free: {FIRST: 3, LAST: 7} = {FIRST: .3, LAST: .7},
// because §2.1 divides by Z anyway. Defaults to the domain's custom preset (the full-path shape,
// the broadest preset), as fractions; its label and summary are the domain's too.

import { z } from 'zod';
import { WEIGHT_BUCKETS, type BucketWeights } from '../../domain/index.js';
import type { Journey } from '../types.js';
import { modelText, type RuleModel } from './model.js';
import { positionalFractionsInto, positionalShares, presetWeights } from './positional.js';

const weight = (name: string) =>
  z
    .number({ error: `weights.${name} must be a number` })
    .min(0, { error: `weights.${name} must be ≥ 0` })
    .default(0);

const weightsSchema = z
  .strictObject({
    FIRST: weight('FIRST'),
    LAST: weight('LAST'),
    LND: weight('LND'),
    LC: weight('LC'),
    OC: weight('OC'),
    CW: weight('CW'),
    MID: weight('MID'),
  })
  .refine((w) => WEIGHT_BUCKETS.some((b) => w[b] > 0), {
    error: 'weights: at least one of FIRST, LAST, LND, LC, OC, CW, MID must be > 0',
  });

export const customOptions = z.strictObject({
  /** Every bucket, in WEIGHT_BUCKETS order, the absent ones 0. */
  weights: weightsSchema.default(weightsSchema.parse(presetWeights('custom'))),
});
export type CustomOptions = z.infer<typeof customOptions>;

export const custom: RuleModel<CustomOptions> = Object.freeze({
  kind: 'rule',
  id: 'custom',
  version: 1,
  ...modelText('custom'),
  options: customOptions,
  assign: (journey: Journey, options: CustomOptions) => positionalShares(journey, options.weights),
  fractionsInto: (journey: Journey, options: CustomOptions, out: Float64Array) =>
    positionalFractionsInto(journey, options.weights, out),
  weights: (options: CustomOptions): BucketWeights => options.weights,
});
