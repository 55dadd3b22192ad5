// Custom weights (ATTRIBUTION.md §2.2, Marketo Measure's custom stages): any w ≥ 0 on the
// milestone roles and the middle, sum > 0. Scale-free: {FIRST: 3, LAST: 7} = {FIRST: .3, LAST: .7},
// because §2.1 divides by Z anyway. Defaults to the full-path shape, the broadest preset.

import { z } from 'zod';
import type { Journey } from '../types.js';
import type { RoleWeights, RuleModel } from './model.js';
import { positionalFractionsInto, positionalShares } from './positional.js';

const BUCKETS = ['FIRST', 'LAST', 'LND', 'LC', 'OC', 'CW', 'MID'] as const;

const weight = (name: string) =>
  z
    .number({ error: `weights.${name} must be a number` })
    .min(0, { error: `weights.${name} must be ≥ 0` })
    .default(0);

export const customOptions = z.strictObject({
  weights: z
    .strictObject({
      FIRST: weight('FIRST'),
      LAST: weight('LAST'),
      LND: weight('LND'),
      LC: weight('LC'),
      OC: weight('OC'),
      CW: weight('CW'),
      MID: weight('MID'),
    })
    .refine((w) => BUCKETS.some((b) => w[b] > 0), {
      error: 'weights: at least one of FIRST, LAST, LND, LC, OC, CW, MID must be > 0',
    })
    .default({ FIRST: 0.225, LAST: 0, LND: 0, LC: 0.225, OC: 0.225, CW: 0.225, MID: 0.1 }),
});
export type CustomOptions = z.infer<typeof customOptions>;

export const custom: RuleModel<CustomOptions> = Object.freeze({
  kind: 'rule',
  id: 'custom',
  version: 1,
  label: 'Custom weights',
  summary:
    'Your own weights on first touch, last touch, last non-direct, lead creation, deal creation, closed-won and the other touches (scaled to 100%)',
  options: customOptions,
  assign: (journey: Journey, options: CustomOptions) => positionalShares(journey, options.weights),
  fractionsInto: (journey: Journey, options: CustomOptions, out: Float64Array) =>
    positionalFractionsInto(journey, options.weights, out),
  weights: (options: CustomOptions): RoleWeights => options.weights,
});
