// The model an admin should pick, with its reason in one sentence. It is shown, never applied.
//
// A data-driven model is recommended only when the evidence can carry it:
// - enough closed deals: ≥ MIN_TRAIN_DEALS before the cut-off and ≥ MIN_TEST_DEALS after;
// - it beats the base rate on the held-out deals: log-loss ≥ MIN_LOG_LOSS_GAIN lower (relative)
//   and AUC ≥ MIN_AUC. Of the models that pass, the lowest log-loss wins.
// Otherwise the rule model that matches the portal's sales cycle (medians over closed deals):
//   > 90 days to close and > 15 touches per deal → full_path (every funnel milestone counts);
//   > 90 days or > 15 touches                    → w_shaped (first touch, lead and deal creation);
//   ≤ 30 days and ≤ 5 touches                    → j_shaped (the closing touch decides, the
//                                                   first still counts);
//   otherwise                                    → position_based (first and last touch 40/40);
//   no closed deal with a touch yet              → linear (nothing to shape the credit by).

import type { RuleModelId } from '../domain/index.js';
import type { Journey } from '../attribution/index.js';
import { median } from './metrics.js';
import { TEST_SHARE } from './split.js';
import type { Recommendation } from './types.js';

export const MIN_TRAIN_DEALS = 200;
export const MIN_TEST_DEALS = 50;
export const MIN_LOG_LOSS_GAIN = 0.02;
export const MIN_AUC = 0.55;

export const LONG_CYCLE_DAYS = 90;
export const SHORT_CYCLE_DAYS = 30;
export const MANY_TOUCHES = 15;
export const FEW_TOUCHES = 5;

const DAY_MS = 86_400_000;

export interface SalesCycle {
  /** Median of closedAt − createdAt over closed deals with a touch, in days. */
  readonly medianDaysToClose: number | null;
  /** Median journey length over the same deals. */
  readonly medianTouches: number | null;
}

export function salesCycle(closed: readonly Journey[]): SalesCycle {
  const withTouches = closed.filter((j) => j.touches.length > 0);
  return {
    medianDaysToClose: median(
      withTouches.map((j) => Math.max(0, j.deal.closedAt! - j.deal.createdAt) / DAY_MS),
    ),
    medianTouches: median(withTouches.map((j) => j.touches.length)),
  };
}

/** The rule model for a sales cycle and the clause that explains it. */
export function ruleForCycle(cycle: SalesCycle): { model: RuleModelId; because: string } {
  const days = cycle.medianDaysToClose;
  const touches = cycle.medianTouches;
  if (days === null || touches === null) {
    return {
      model: 'linear',
      because: 'no closed deal has a touch yet, so linear spreads credit evenly',
    };
  }
  const stats = `median ${fmt(days, 0)} days to close and ${fmt(touches, 0)} touches per deal`;
  const long = days > LONG_CYCLE_DAYS;
  const many = touches > MANY_TOUCHES;
  if (long && many) {
    return {
      model: 'full_path',
      because: `${stats} (over ${LONG_CYCLE_DAYS} days and over ${MANY_TOUCHES} touches → full_path: first touch, lead creation, deal creation and closing touch)`,
    };
  }
  if (long || many) {
    return {
      model: 'w_shaped',
      because: `${stats} (over ${LONG_CYCLE_DAYS} days or over ${MANY_TOUCHES} touches → w_shaped: first touch, lead creation and deal creation)`,
    };
  }
  if (days <= SHORT_CYCLE_DAYS && touches <= FEW_TOUCHES) {
    return {
      model: 'j_shaped',
      because: `${stats} (at most ${SHORT_CYCLE_DAYS} days and ${FEW_TOUCHES} touches → j_shaped: mostly the last touch, some to the first)`,
    };
  }
  return {
    model: 'position_based',
    because: `${stats} (between the short and long cycle rules → position_based: first and last touch)`,
  };
}

export interface Scored {
  readonly id: string;
  readonly logLoss: number;
  readonly auc: number | null;
}

export interface RecommendInput {
  readonly train: number;
  readonly test: number;
  readonly cutoff: number | null;
  readonly baselineLogLoss: number | null;
  /** Data-driven models with a held-out log-loss, in report order. */
  readonly scored: readonly Scored[];
  readonly cycle: SalesCycle;
}

/** The fewest closed deals for which the default cut-off leaves enough on both sides. */
export function minimumClosedDeals(): number {
  for (let n = MIN_TRAIN_DEALS + MIN_TEST_DEALS; ; n++) {
    const test = Math.ceil(TEST_SHARE * n);
    if (n - test >= MIN_TRAIN_DEALS && test >= MIN_TEST_DEALS) return n;
  }
}

/** Relative log-loss gain over the baseline (positive = better). */
export const gainOver = (baseline: number, logLoss: number): number =>
  baseline > 0 ? (baseline - logLoss) / baseline : 0;

export function recommend(input: RecommendInput): Recommendation {
  const { train, test, baselineLogLoss: base, scored } = input;
  const rule = ruleForCycle(input.cycle);
  const fallback = (why: string): Recommendation => ({
    model: rule.model,
    reason: `${why}, so ${rule.model} is recommended for this sales cycle: ${rule.because}.`,
  });
  if (train < MIN_TRAIN_DEALS || test < MIN_TEST_DEALS || base === null) {
    const total = train + test;
    const needed = minimumClosedDeals();
    const split = `${count(train)} before the cut-off, ${count(test)} after`;
    return fallback(
      (total < needed
        ? `Only ${count(total)} closed deals (${split})`
        : `Too few closed deals on one side of the cut-off (${split})`) +
        `; a data-driven model needs at least ${MIN_TRAIN_DEALS} before and ${MIN_TEST_DEALS} ` +
        `after (${count(needed)} closed deals at the default split) before it can be judged`,
    );
  }
  const margin = `at least ${pct(MIN_LOG_LOSS_GAIN)} lower log-loss and AUC ≥ ${MIN_AUC}`;
  const passing = scored.filter(
    (m) => gainOver(base, m.logLoss) >= MIN_LOG_LOSS_GAIN && m.auc !== null && m.auc >= MIN_AUC,
  );
  const best = (ms: readonly Scored[]) =>
    ms.reduce<Scored | undefined>(
      (b, m) => (b === undefined || m.logLoss < b.logLoss ? m : b),
      undefined,
    );
  const winner = best(passing);
  if (winner !== undefined) {
    const since = input.cutoff === null ? '' : ` closed from ${isoDate(input.cutoff)} on`;
    return {
      model: winner.id,
      reason:
        `${winner.id} predicts held-out deals better than the base rate: log-loss ` +
        `${fmt(winner.logLoss, 3)} vs ${fmt(base, 3)} (${pct(gainOver(base, winner.logLoss))} lower) and ` +
        `AUC ${fmt(winner.auc!, 2)} on ${count(test)} deals${since}, learned from ${count(train)} ` +
        `earlier ones (needs ${margin}).`,
    };
  }
  const top = best(scored);
  const detail =
    top === undefined
      ? 'no data-driven model could be scored'
      : `best ${top.id}: log-loss ${fmt(top.logLoss, 3)} vs ${fmt(base, 3)}, AUC ` +
        (top.auc === null ? 'n/a' : fmt(top.auc, 2));
  return fallback(
    `No data-driven model beats the base rate on ${count(test)} held-out deals by the margin ` +
      `(${margin}; ${detail})`,
  );
}

const fmt = (x: number, digits: number): string => x.toFixed(digits);
const pct = (x: number): string => `${(x * 100).toFixed(1).replace(/\.0$/, '')} %`;
const count = (n: number): string => n.toLocaleString('en-US');
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
