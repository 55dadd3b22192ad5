// Evaluation of a portal's attribution models on its own deals (issue 11 item 3):
// 1. predictive check of every data-driven model on a time split (split.ts): fitted on the deals
//    closed before the cut-off, each held-out closed deal gets the model's P(won | journey)
//    (predictors/*), scored by log-loss, AUC and calibration against the base rate;
// 2. stability: every model's channel shares with 90 % bootstrap intervals (shares.ts);
// 3. agreement: Spearman's ρ between the channel shares of every pair of models;
// 4. a recommendation with its reason (recommend.ts), shown and never applied.
// Pure and deterministic: the same journeys (in any order) and seed give the same Evaluation.

import type { RuleModelId } from '../domain/index.js';
import { rowsFromJourneys } from '../attribution/index.js';
import type { AttributeExtra, Journey, PathSet } from '../attribution/index.js';
import { auc, calibration, logLoss, spearmanOfMaps } from './metrics.js';
import { DEFAULT_PREDICTORS, DEFAULT_RULE_MODELS } from './models.js';
import type { Predictor } from './predictors/predictor.js';
import { recommend, salesCycle, type Scored } from './recommend.js';
import { channelsOf, dataDrivenShares, indexPaths, resampleCounts, ruleShares } from './shares.js';
import { timeSplit } from './split.js';
import type { Agreement, Evaluation, ModelEvaluation } from './types.js';

/** The bootstrap's seed when a caller has none: the same data gives the same intervals. */
export const DEFAULT_EVALUATION_SEED = 1;
/** Resamples behind the rule models' intervals (cheap: a resample only re-weights deals). */
export const DEFAULT_BOOTSTRAP = 200;
/** Resamples for data-driven models, which learn again on each one (at most `bootstrap`). */
export const DEFAULT_DATA_DRIVEN_BOOTSTRAP = 50;

export interface EvaluateOptions {
  /** Seeds the bootstrap (mulberry32). */
  readonly seed: number;
  /** ms since epoch; default: the close date that leaves the latest 30 % of closed deals. */
  readonly cutoff?: number;
  /** Rule models' resamples (default 200). */
  readonly bootstrap?: number;
  /** Data-driven models' resamples (default min(bootstrap, 50)). */
  readonly dataDrivenBootstrap?: number;
  /** Data-driven models, in report order (default DEFAULT_PREDICTORS). */
  readonly predictors?: readonly Predictor[];
  /** Rule models, in report order (default: all but custom). */
  readonly ruleModels?: readonly RuleModelId[];
  /** Raw options per rule model (the portal's settings); engine defaults otherwise. */
  readonly ruleOptions?: Readonly<Partial<Record<RuleModelId, unknown>>>;
  readonly extra?: AttributeExtra;
}

function resampleCount(value: number | undefined, fallback: number, name: string): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be an integer ≥ 0`);
  return n;
}

export function evaluatePortal(journeys: readonly Journey[], options: EvaluateOptions): Evaluation {
  const bootstrap = resampleCount(options.bootstrap, DEFAULT_BOOTSTRAP, 'bootstrap');
  const ddBootstrap = resampleCount(
    options.dataDrivenBootstrap,
    Math.min(bootstrap, DEFAULT_DATA_DRIVEN_BOOTSTRAP),
    'dataDrivenBootstrap',
  );
  const { closed, train, test, cutoff } = timeSplit(journeys, options.cutoff);
  const outcomes = Uint8Array.from(test, (j) => (j.deal.stage === 'won' ? 1 : 0));
  let trainWins = 0;
  for (const j of train) if (j.deal.stage === 'won') trainWins++;
  const winRate = train.length > 0 ? trainWins / train.length : null;
  const constant = winRate === null ? null : new Float64Array(test.length).fill(winRate);
  const baseline = {
    logLoss: constant && logLoss(outcomes, constant),
    auc: constant && auc(outcomes, constant),
    winRate,
  };

  const trainPaths = train.length > 0 && test.length > 0 ? rowsFromJourneys(train) : null;
  const indexed = indexPaths(closed);
  const channels = channelsOf(closed);
  const resamples = resampleCounts(closed.length, Math.max(bootstrap, ddBootstrap), options.seed);
  const ddResamples = resamples.slice(0, ddBootstrap);
  const ruleResamples = resamples.slice(0, bootstrap);

  const models: ModelEvaluation[] = [];
  const scored: Scored[] = [];
  for (const predictor of options.predictors ?? DEFAULT_PREDICTORS) {
    const check = predictiveCheck(predictor, trainPaths, test, outcomes);
    if (check.logLoss !== null)
      scored.push({ id: predictor.id, logLoss: check.logLoss, auc: check.auc });
    const shares = dataDrivenShares(predictor, indexed, channels, ddResamples);
    models.push({
      id: predictor.id,
      kind: 'data_driven',
      ...check,
      channelShares: shares.shares,
      resamples: shares.resamples,
      ...(shares.unavailable === undefined ? {} : { unavailable: shares.unavailable }),
    });
  }
  for (const id of options.ruleModels ?? DEFAULT_RULE_MODELS) {
    models.push({
      id,
      kind: 'rule',
      logLoss: null,
      auc: null,
      calibration: null,
      channelShares: ruleShares(
        closed,
        id,
        channels,
        ruleResamples,
        options.ruleOptions?.[id],
        options.extra,
      ),
      resamples: closed.length > 0 ? bootstrap : 0,
    });
  }

  return {
    deals: { train: train.length, test: test.length },
    cutoff,
    baseline,
    models,
    agreement: agreement(models),
    recommended: recommend({
      train: train.length,
      test: test.length,
      cutoff,
      baselineLogLoss: baseline.logLoss,
      scored,
      cycle: salesCycle(closed),
    }),
  };
}

type Check = Pick<ModelEvaluation, 'logLoss' | 'auc' | 'calibration'>;
const UNSCORED: Check = { logLoss: null, auc: null, calibration: null };

/** Fit on the training rows, predict every held-out deal, score. */
function predictiveCheck(
  predictor: Predictor,
  trainPaths: PathSet | null,
  test: readonly Journey[],
  outcomes: Uint8Array,
): Check {
  if (trainPaths === null) return UNSCORED;
  const fit = predictor.fit(trainPaths);
  if (!fit.ok) return UNSCORED;
  const predict = fit.value.predict;
  if (predict === undefined) return UNSCORED;
  const predictions = Float64Array.from(test, (j) => predict(j));
  return {
    logLoss: logLoss(outcomes, predictions),
    auc: auc(outcomes, predictions),
    calibration: calibration(outcomes, predictions),
  };
}

function agreement(models: readonly ModelEvaluation[]): Agreement[] {
  const maps = models.map(
    (m) => new Map(Object.entries(m.channelShares).map(([c, s]) => [c, s.share] as const)),
  );
  const out: Agreement[] = [];
  for (let i = 0; i < models.length; i++) {
    for (let j = i + 1; j < models.length; j++) {
      out.push({
        a: models[i]!.id,
        b: models[j]!.id,
        spearman: spearmanOfMaps(maps[i]!, maps[j]!),
      });
    }
  }
  return out;
}
