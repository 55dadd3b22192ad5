import { describe, expect, it } from 'vitest';
import { DEFAULT_PREDICTORS, evaluatePortal } from '../../../src/evaluation/index.js';
import {
  MIN_AUC,
  MIN_LOG_LOSS_GAIN,
  MIN_TEST_DEALS,
  MIN_TRAIN_DEALS,
  minimumClosedDeals,
  recommend,
  ruleForCycle,
  salesCycle,
  type RecommendInput,
  type SalesCycle,
} from '../../../src/evaluation/recommend.js';
import { closedJourneys } from '../../../src/evaluation/split.js';
import { deal } from './journeys.js';
import { syntheticJourneys, type SyntheticChannel, type SyntheticOptions } from './synthetic.js';

const MID: SalesCycle = { medianDaysToClose: 45, medianTouches: 8 };
const DATA_DRIVEN = DEFAULT_PREDICTORS.map((p) => p.id);

function input(overrides: Partial<RecommendInput>): RecommendInput {
  return {
    train: 300,
    test: 120,
    cutoff: Date.UTC(2024, 4, 17),
    baselineLogLoss: 0.69,
    scored: [],
    cycle: MID,
    ...overrides,
  };
}

describe('recommend', () => {
  it('needs 286 closed deals at the default split (200 before, 50 after the cut-off)', () => {
    expect([MIN_TRAIN_DEALS, MIN_TEST_DEALS, MIN_LOG_LOSS_GAIN, MIN_AUC]).toEqual([
      200, 50, 0.02, 0.55,
    ]);
    // 286 − ⌈0.3 · 286⌉ = 286 − 86 = 200; 285 − ⌈85.5⌉ = 199.
    expect(minimumClosedDeals()).toBe(286);
  });

  it('picks a rule model when there are too few closed deals, and says so in numbers', () => {
    const great = [{ id: 'logistic', logLoss: 0.1, auc: 0.99 }];
    const r = recommend(input({ train: 61, test: 27, scored: great }));
    expect(r.model).toBe('position_based');
    expect(r.reason).toContain('Only 88 closed deals (61 before the cut-off, 27 after)');
    expect(r.reason).toContain('at least 200 before and 50 after (286 closed deals');
    expect(r.reason).toContain('so position_based is recommended for this sales cycle');
  });

  it('says which side of the cut-off is short when the total would do', () => {
    const r = recommend(
      input({ train: 1_250, test: 40, scored: [{ id: 'x', logLoss: 0, auc: 1 }] }),
    );
    expect(r.model).toBe('position_based');
    expect(r.reason).toContain(
      'Too few closed deals on one side of the cut-off (1,250 before the cut-off, 40 after)',
    );
  });

  it('picks the lowest log-loss among the models that beat the base rate by the margin', () => {
    const r = recommend(
      input({
        scored: [
          { id: 'markov_o1', logLoss: 0.68, auc: 0.7 }, // 1.4 % lower: not enough
          { id: 'shapley', logLoss: 0.6, auc: 0.54 }, // AUC below 0.55
          { id: 'logistic', logLoss: 0.65, auc: 0.6 },
          { id: 'markov_o2', logLoss: 0.62, auc: 0.7 },
          { id: 'markov_o3', logLoss: 0.5, auc: null },
        ],
      }),
    );
    expect(r.model).toBe('markov_o2');
    // (0.69 − 0.62) / 0.69 = 10.1 %
    expect(r.reason).toBe(
      'markov_o2 predicts held-out deals better than the base rate: log-loss 0.620 vs 0.690 ' +
        '(10.1 % lower) and AUC 0.70 on 120 deals closed from 2024-05-17 on, learned from 300 ' +
        'earlier ones (needs at least 2 % lower log-loss and AUC ≥ 0.55).',
    );
  });

  it('accepts a model exactly at the margin', () => {
    const r = recommend(
      input({ baselineLogLoss: 0.5, scored: [{ id: 'logistic', logLoss: 0.49, auc: 0.55 }] }),
    );
    expect(r.model).toBe('logistic');
  });

  it('falls back to the cycle’s rule model when no model beats the margin, naming the best', () => {
    const r = recommend(
      input({
        scored: [
          { id: 'markov_o1', logLoss: 0.7, auc: 0.6 },
          { id: 'shapley', logLoss: 0.6, auc: 0.54 },
        ],
      }),
    );
    expect(r.model).toBe('position_based');
    expect(r.reason).toContain('No data-driven model beats the base rate on 120 held-out deals');
    expect(r.reason).toContain('best shapley: log-loss 0.600 vs 0.690, AUC 0.54');
    const none = recommend(input({ scored: [] }));
    expect(none.reason).toContain('no data-driven model could be scored');
  });
});

describe('ruleForCycle', () => {
  const rule = (days: number | null, touches: number | null) =>
    ruleForCycle({ medianDaysToClose: days, medianTouches: touches }).model;

  it('follows the documented table, boundaries included', () => {
    expect(rule(91, 16)).toBe('full_path'); // over 90 days and over 15 touches
    expect(rule(91, 15)).toBe('w_shaped'); // over 90 days
    expect(rule(90, 16)).toBe('w_shaped'); // over 15 touches
    expect(rule(90, 15)).toBe('position_based');
    expect(rule(30, 5)).toBe('j_shaped'); // at most 30 days and 5 touches
    expect(rule(30, 6)).toBe('position_based');
    expect(rule(31, 5)).toBe('position_based');
    expect(rule(0, 1)).toBe('j_shaped');
    expect(rule(null, null)).toBe('linear'); // no closed deal with a touch
  });

  it('states the rule with the portal’s medians', () => {
    const r = ruleForCycle({ medianDaysToClose: 120.4, medianTouches: 22 });
    expect(r.because).toContain('median 120 days to close and 22 touches per deal');
    expect(r.because).toContain('over 90 days and over 15 touches → full_path');
  });
});

describe('salesCycle', () => {
  it('takes medians over closed deals with a touch', () => {
    const closed = closedJourneys([
      deal('a', ['x'], { createdDay: 0, closedDay: 10 }),
      deal('b', ['x', 'y', 'z'], { createdDay: 5, closedDay: 45, stage: 'lost' }),
      deal('c', ['x', 'y', 'z', 'x', 'y'], { createdDay: 0, closedDay: 100 }),
      deal('d', ['x', 'y'], { createdDay: 20, closedDay: 40 }),
      deal('e', [], { createdDay: 0, closedDay: 500 }), // no touch: left out
    ]);
    // Days 10, 40, 100, 20 → median 30; touches 1, 3, 5, 2 → median 2.5.
    expect(salesCycle(closed)).toEqual({ medianDaysToClose: 30, medianTouches: 2.5 });
    expect(salesCycle([])).toEqual({ medianDaysToClose: null, medianTouches: null });
  });
});

const SIX: readonly SyntheticChannel[] = [
  { id: 'webinar', effect: 1.6, weight: 1 },
  { id: 'demo', effect: 1, weight: 1 },
  { id: 'referral', effect: 0.5, weight: 1 },
  { id: 'email', effect: -0.5, weight: 1 },
  { id: 'paid_social', effect: -1, weight: 1 },
  { id: 'display', effect: -1.6, weight: 1 },
];

/** 400 closed deals: 280 to learn from, 120 to score (enough for a data-driven model). */
const USABLE: SyntheticOptions = {
  deals: 400,
  seed: 2,
  channels: SIX,
  base: 0,
  touches: [1, 4],
  daysToClose: [10, 60],
};

describe('the recommendation of evaluatePortal', () => {
  it('is a rule model on a small portal, with its deal counts in the reason', () => {
    const journeys = syntheticJourneys({ ...USABLE, deals: 100 });
    const ev = evaluatePortal(journeys, { seed: 1, bootstrap: 0 });
    const recommended = ev.models.find((m) => m.id === ev.recommended.model)!;
    expect(recommended.kind).toBe('rule');
    const { train, test } = ev.deals;
    expect(train + test).toBe(100);
    expect(ev.recommended.reason).toContain(
      `Only 100 closed deals (${train} before the cut-off, ${test} after)`,
    );
  });

  it('is a data-driven model that beats the base rate when channels drive the outcome', () => {
    const ev = evaluatePortal(syntheticJourneys(USABLE), { seed: 1, bootstrap: 0 });
    expect(ev.deals).toEqual({ train: 280, test: 120 });
    expect(DATA_DRIVEN).toContain(ev.recommended.model);
    const best = ev.models.find((m) => m.id === ev.recommended.model)!;
    const base = ev.baseline.logLoss!;
    expect(best.logLoss!).toBeLessThan(base * (1 - MIN_LOG_LOSS_GAIN));
    expect(best.auc!).toBeGreaterThanOrEqual(MIN_AUC);
    for (const m of ev.models)
      if (m.logLoss !== null) expect(best.logLoss!).toBeLessThanOrEqual(m.logLoss);
    expect(ev.recommended.reason).toContain(
      `log-loss ${best.logLoss!.toFixed(3)} vs ${base.toFixed(3)}`,
    );
    // The planted effects are a logistic model: logistic should find them best.
    expect(ev.recommended.model).toBe('logistic');
  });

  it('is no data-driven model when the outcome ignores the channels', () => {
    for (const seed of [1, 2]) {
      const ev = evaluatePortal(syntheticJourneys({ ...USABLE, seed, random: true }), {
        seed: 1,
        bootstrap: 0,
      });
      expect(ev.deals.train).toBeGreaterThanOrEqual(MIN_TRAIN_DEALS);
      expect(DATA_DRIVEN).not.toContain(ev.recommended.model);
      expect(ev.recommended.reason).toMatch(/^No data-driven model beats the base rate on 120 /);
    }
  });

  it('picks the rule model of the portal’s sales cycle', () => {
    const cycle = (daysToClose: [number, number], touches: [number, number]) =>
      evaluatePortal(syntheticJourneys({ ...USABLE, deals: 40, seed: 4, daysToClose, touches }), {
        seed: 1,
        bootstrap: 0,
        predictors: [],
      }).recommended;
    expect(cycle([3, 25], [1, 4]).model).toBe('j_shaped');
    expect(cycle([40, 80], [6, 12]).model).toBe('position_based');
    expect(cycle([120, 240], [3, 8]).model).toBe('w_shaped');
    expect(cycle([5, 20], [18, 30]).model).toBe('w_shaped');
    const long = cycle([120, 240], [18, 30]);
    expect(long.model).toBe('full_path');
    expect(long.reason).toMatch(/median \d+ days to close and \d+ touches per deal/);
    const empty = evaluatePortal(
      [deal('w', [], { closedDay: 3 }), deal('l', [], { stage: 'lost', closedDay: 4 })],
      { seed: 1, bootstrap: 0 },
    );
    expect(empty.recommended.model).toBe('linear');
    expect(empty.recommended.reason).toContain('no closed deal has a touch yet');
  });
});
