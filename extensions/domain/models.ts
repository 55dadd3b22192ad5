// The attribution models: their ids, rule-based or data-driven, the milestone roles and weight
// buckets they weigh, and each model's one label, summary and preset weights. The engine, the
// card, the settings page, the write-back property options and the CLI all read them here.

import { z } from 'zod';

export const RULE_MODEL_IDS = [
  'first_touch',
  'last_touch',
  'last_non_direct',
  'linear',
  'time_decay',
  'position_based',
  'u_shaped',
  'w_shaped',
  'full_path',
  'j_shaped',
  'inverse_j',
  'custom',
] as const;
export const DATA_DRIVEN_MODEL_IDS = [
  'markov',
  'shapley',
  'shapley_simplified',
  'logistic',
] as const;
export const MODEL_IDS = [...RULE_MODEL_IDS, ...DATA_DRIVEN_MODEL_IDS] as const;

export type RuleModelId = (typeof RULE_MODEL_IDS)[number];
export type DataDrivenModelId = (typeof DATA_DRIVEN_MODEL_IDS)[number];
export type ModelId = (typeof MODEL_IDS)[number];
export type ModelKind = 'rule' | 'data_driven';

export function isModelId(id: string): id is ModelId {
  return (MODEL_IDS as readonly string[]).includes(id);
}

export function isRuleModelId(id: string): id is RuleModelId {
  return (RULE_MODEL_IDS as readonly string[]).includes(id);
}

export function isDataDriven(id: ModelId): id is DataDrivenModelId {
  return (DATA_DRIVEN_MODEL_IDS as readonly string[]).includes(id);
}

export const modelIdSchema = z.enum(MODEL_IDS, {
  error: `must be one of ${MODEL_IDS.join(', ')}`,
});

/** Milestone roles a touch may hold (ATTRIBUTION.md §1), in the order the engine weighs them. */
export const ROLES = ['FIRST', 'LAST', 'LND', 'LC', 'OC', 'CW'] as const;
export type Role = (typeof ROLES)[number];
/** The roles and the middle bucket: the touches that hold no weighted role. */
export const WEIGHT_BUCKETS = [...ROLES, 'MID'] as const;
export type WeightBucket = (typeof WEIGHT_BUCKETS)[number];

/** Weight per bucket (any scale: percent here, fractions in the engine); a missing bucket is 0. */
export const bucketWeightsSchema = z.partialRecord(z.enum(WEIGHT_BUCKETS), z.number()).readonly();
export type BucketWeights = z.output<typeof bucketWeightsSchema>;

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  FIRST: 'First touch',
  LAST: 'Last touch',
  LND: 'Last non-direct touch',
  LC: 'Lead creation',
  OC: 'Deal creation',
  CW: 'Closed won',
};

export const modelInfoSchema = z
  .object({
    id: modelIdSchema,
    label: z.string(),
    summary: z.string(),
    kind: z.enum(['rule', 'data_driven']),
    /**
     * Position weights in percent; null for time decay and the data-driven models, whose credit
     * depends on timing or on all journeys of the portal. For `custom` these are the defaults of
     * the weights editor.
     */
    weights: bucketWeightsSchema.nullable(),
  })
  .readonly();
export type ModelInfo = z.output<typeof modelInfoSchema>;

/** Every model, in the order the settings page lists them. */
export const MODELS: readonly ModelInfo[] = [
  rule('first_touch', 'First touch', '100% to the first touch', { FIRST: 100 }),
  rule('last_touch', 'Last touch', '100% to the last touch before close', { LAST: 100 }),
  rule(
    'last_non_direct',
    'Last non-direct touch',
    '100% to the last touch that is not direct traffic (the last touch if all are direct)',
    { LND: 100 },
  ),
  rule('linear', 'Linear', 'Equal credit to every touch', { MID: 100 }),
  rule(
    'time_decay',
    'Time decay',
    'More credit to touches closer to the close; a touch’s weight halves every 7 days (half-life, adjustable)',
    null,
  ),
  rule(
    'position_based',
    'Position-based (40/20/40)',
    '40% first touch, 40% last touch, 20% split over the touches in between',
    { FIRST: 40, LAST: 40, MID: 20 },
  ),
  rule(
    'u_shaped',
    'U-shaped',
    '40% first touch, 40% lead creation, 20% split over the other touches',
    { FIRST: 40, LC: 40, MID: 20 },
  ),
  rule(
    'w_shaped',
    'W-shaped',
    '30% each to first touch, lead creation and deal creation, 10% split over the other touches',
    { FIRST: 30, LC: 30, OC: 30, MID: 10 },
  ),
  rule(
    'full_path',
    'Full path',
    '22.5% each to first touch, lead creation, deal creation and closed-won, 10% split over the other touches',
    { FIRST: 22.5, LC: 22.5, OC: 22.5, CW: 22.5, MID: 10 },
  ),
  rule(
    'j_shaped',
    'J-shaped',
    '20% first touch, 60% last touch, 20% split over the touches in between',
    { FIRST: 20, LAST: 60, MID: 20 },
  ),
  rule(
    'inverse_j',
    'Inverse J',
    '60% first touch, 20% last touch, 20% split over the touches in between',
    { FIRST: 60, LAST: 20, MID: 20 },
  ),
  rule(
    'custom',
    'Custom weights',
    'Your own weights on first touch, last touch, last non-direct, lead creation, deal creation, closed-won and the other touches (scaled to 100%)',
    { FIRST: 22.5, LC: 22.5, OC: 22.5, CW: 22.5, MID: 10 },
  ),
  learned(
    'markov',
    'Markov chain',
    'Credit by removal effect: how much the conversion probability drops when a channel is removed',
  ),
  learned(
    'shapley',
    'Shapley (conversion rates)',
    'Each converting journey is shared among its channels by their Shapley value on observed conversion rates',
  ),
  learned(
    'shapley_simplified',
    'Shapley (simplified)',
    "Each converting journey's credit is split equally among its distinct channels",
  ),
  learned(
    'logistic',
    'Logistic regression',
    "Credit by each channel's positive effect on the odds of a win: L2-regularised logistic " +
      'regression of won vs lost journeys on the channels present (penalty 1, not scaled with data size)',
  ),
];

function rule(id: RuleModelId, label: string, summary: string, weights: BucketWeights | null) {
  return { id, label, summary, kind: 'rule', weights } as const satisfies ModelInfo;
}
function learned(id: DataDrivenModelId, label: string, summary: string) {
  return { id, label, summary, kind: 'data_driven', weights: null } as const satisfies ModelInfo;
}

export function modelInfo(id: ModelId): ModelInfo {
  const m = MODELS.find((x) => x.id === id);
  if (m === undefined) throw new Error(`unknown model ${id}`);
  return m;
}
