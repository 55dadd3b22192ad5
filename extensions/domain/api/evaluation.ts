// The model evaluation of a portal (issue 11), as the worker computes and stores it, the CLI's
// `evaluate --json` prints it and GET /api/v1/evaluation serves it to the settings page. One
// schema for the store's write check, the server's read check and the page's answer check.
//
// Objects are loose: the computation may add fields without a contract change; the fields named
// here are checked for their types (finite numbers: zod 4 rejects NaN and ±Infinity) and ranges
// that hold by definition (a probability lies in 0–1, a log-loss is ≥ 0, lo ≤ hi).

import { z } from 'zod';

const count = z.number().int('must be a whole number').min(0, 'must be ≥ 0');
const probability = z.number().min(0, 'must be ≥ 0').max(1, 'must be ≤ 1');
const logLoss = z.number().min(0, 'must be ≥ 0');
/** ms since the epoch. */
const ms = z.number().int('must be a whole number of milliseconds');
const id = z.string().min(1, 'must be a non-empty string').max(200);

/** One bucket of held-out deals by predicted win probability. */
export const calibrationBucketSchema = z.looseObject({
  predicted: probability,
  observed: probability,
  deals: count,
});

/** A channel's share of a model's credit and its 90 % bootstrap interval. */
export const channelShareIntervalSchema = z
  .looseObject({ share: z.number(), lo: z.number(), hi: z.number() })
  .refine((s) => s.lo <= s.hi, { error: 'lo must be ≤ hi', path: ['lo'] });

export const evaluatedModelSchema = z.looseObject({
  /** markov_o1…o3, shapley, logistic, or a rule model's id; other ids may appear. */
  id,
  /** Held-out scores; null for rule models (they predict no outcome). */
  logLoss: logLoss.nullable(),
  auc: probability.nullable(),
  calibration: z.array(calibrationBucketSchema).nullable(),
  channelShares: z.record(id, channelShareIntervalSchema),
});

export const modelAgreementSchema = z.looseObject({
  a: id,
  b: id,
  /** Spearman's ρ of the two models' channel shares; null when undefined (constant shares). */
  spearman: z.number().min(-1, 'must be ≥ −1').max(1, 'must be ≤ 1').nullable(),
});

export const evaluationSchema = z
  .looseObject({
    deals: z.looseObject({ train: count, test: count }),
    /** Deals closed before the cut-off train, the rest are held out (ms); null: no closed deal. */
    cutoff: ms.nullable(),
    /** The base rate: every held-out deal predicted at the training win rate (null: no split). */
    baseline: z.looseObject({
      logLoss: logLoss.nullable(),
      auc: probability.nullable(),
      winRate: probability.nullable(),
    }),
    models: z.array(evaluatedModelSchema),
    agreement: z.array(modelAgreementSchema),
    /** Shown to the admin, never applied. */
    recommended: z.looseObject({ model: id, reason: z.string().min(1, 'must not be empty') }),
  })
  .superRefine((e, ctx) => {
    const seen = new Set<string>();
    e.models.forEach((m, i) => {
      if (seen.has(m.id)) {
        ctx.addIssue({ code: 'custom', path: ['models', i, 'id'], message: `repeats "${m.id}"` });
      }
      seen.add(m.id);
    });
  });

export type CalibrationBucket = z.output<typeof calibrationBucketSchema>;
export type ChannelShareInterval = z.output<typeof channelShareIntervalSchema>;
export type EvaluatedModel = z.output<typeof evaluatedModelSchema>;
export type ModelAgreement = z.output<typeof modelAgreementSchema>;
export type Evaluation = z.output<typeof evaluationSchema>;

/** GET /api/v1/evaluation: the portal's latest stored evaluation, or why there is none. */
export const evaluationBodySchema = z.discriminatedUnion('status', [
  z.looseObject({
    status: z.literal('ok'),
    portalId: z.number().int().positive(),
    /** When the worker computed it (ms). */
    computedAt: ms,
    /** The settings version the evaluation was computed under. */
    settingsVersion: count,
    evaluation: evaluationSchema,
  }),
  z.looseObject({
    status: z.literal('not_evaluated'),
    portalId: z.number().int().positive(),
    /** For people: why there is no evaluation to show. */
    reason: z.string().min(1),
  }),
]);
export type EvaluationBody = z.output<typeof evaluationBodySchema>;
