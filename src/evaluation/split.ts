// The time split of a predictive check: models learn from deals closed before a cut-off and are
// scored on the deals closed at or after it, as they would be used (learned on the past, applied
// to what comes next). A random split would let a model learn from deals that closed after the
// ones it is scored on.

import { cmp } from '../kernel/index.js';
import type { Journey } from '../attribution/index.js';

/** Share of closed deals the default cut-off leaves for scoring: the latest 30 %. */
export const TEST_SHARE = 0.3;

/** Won and lost deals with a close date, by close date, then deal id (input order is irrelevant). */
export function closedJourneys(journeys: readonly Journey[]): Journey[] {
  return journeys
    .filter((j) => j.deal.stage !== 'open' && j.deal.closedAt !== undefined)
    .sort((a, b) => a.deal.closedAt! - b.deal.closedAt! || cmp(a.deal.id, b.deal.id));
}

/**
 * The close date of the first of the latest ⌈30 %⌉ closed deals (`closed` sorted as by
 * closedJourneys); deals closed on that very date are all scored, so ties can make the test set a
 * little larger. Null without closed deals.
 */
export function defaultCutoff(closed: readonly Journey[]): number | null {
  const n = closed.length;
  if (n === 0) return null;
  const test = Math.ceil(TEST_SHARE * n);
  return closed[n - test]!.deal.closedAt!;
}

export interface TimeSplit {
  /** Every closed deal, sorted as by closedJourneys. */
  readonly closed: readonly Journey[];
  /** closedAt < cutoff. */
  readonly train: readonly Journey[];
  /** closedAt ≥ cutoff. */
  readonly test: readonly Journey[];
  readonly cutoff: number | null;
}

/** Splits the closed deals at `cutoff` (ms), or at the default cut-off when it is undefined. */
export function timeSplit(journeys: readonly Journey[], cutoff?: number): TimeSplit {
  const closed = closedJourneys(journeys);
  const at = cutoff ?? defaultCutoff(closed);
  if (at === null) return { closed, train: [], test: [], cutoff: null };
  return {
    closed,
    train: closed.filter((j) => j.deal.closedAt! < at),
    test: closed.filter((j) => j.deal.closedAt! >= at),
    cutoff: at,
  };
}
