import { describe, expect, it } from 'vitest';
import { channelEffects, DEFAULT_PREDICTORS, spearman } from '../../../src/evaluation/index.js';
import { logisticPredictor } from '../../../src/evaluation/predictors/logistic.js';
import { shapleyPredictor } from '../../../src/evaluation/predictors/shapley.js';
import { deal } from './journeys.js';
import { SANDBOX_LIKE, syntheticJourneys, type SyntheticChannel } from './synthetic.js';

/** Spearman's ρ between the planted effects and a model's learned effects. */
function rho(channels: readonly SyntheticChannel[], effects: Readonly<Record<string, number>>) {
  return spearman(
    channels.map((c) => c.effect),
    channels.map((c) => effects[c.id]!),
  );
}

describe('channelEffects', () => {
  it('recovers the order of planted effects with logistic coefficients (ρ ≥ 0.9)', () => {
    // Sixteen sandbox-like channels, effects from +1.1 down to −0.25 log-odds, some 0.04 apart.
    const journeys = syntheticJourneys({
      deals: 3000,
      seed: 1,
      channels: SANDBOX_LIKE,
      base: -1,
      touches: [2, 8],
      daysToClose: [10, 60],
      openShare: 0.05,
    });
    const [logistic] = channelEffects(journeys, [logisticPredictor()]);
    expect(logistic!.id).toBe('logistic');
    expect(rho(SANDBOX_LIKE, logistic!.effects!)).toBeGreaterThanOrEqual(0.9);
    // Coefficients are log-odds: the strongest planted channel raises them, the weakest lowers.
    expect(logistic!.effects!.webinar).toBeGreaterThan(0.5);
    expect(logistic!.effects!.other_campaigns).toBeLessThan(0);
  });

  it('recovers them with mean Shapley values where channel sets are small', () => {
    const channels = [1.2, 0.9, 0.6, 0.3, 0, -0.3, -0.6, -0.9].map(
      (effect, i): SyntheticChannel => ({ id: `ch${i}`, effect, weight: 1 + (i % 3) }),
    );
    const journeys = syntheticJourneys({
      deals: 1500,
      seed: 1,
      channels,
      base: -1,
      touches: [1, 4],
      daysToClose: [10, 60],
    });
    const [shapley, logistic] = channelEffects(journeys, [shapleyPredictor(), logisticPredictor()]);
    expect(rho(channels, shapley!.effects!)).toBeGreaterThanOrEqual(0.9);
    expect(rho(channels, logistic!.effects!)).toBeGreaterThanOrEqual(0.9);
    expect(Math.min(...Object.values(shapley!.effects!))).toBeLessThan(0); // can be negative
  });

  it('gives every default model its effects per channel, in code-unit order', () => {
    const journeys = syntheticJourneys({
      deals: 120,
      seed: 3,
      channels: SANDBOX_LIKE.slice(0, 5),
      base: -0.5,
      touches: [1, 5],
      daysToClose: [10, 60],
      openShare: 0.2,
    });
    const effects = channelEffects(journeys);
    expect(effects.map((e) => e.id)).toEqual(DEFAULT_PREDICTORS.map((p) => p.id));
    const sorted = SANDBOX_LIKE.slice(0, 5)
      .map((c) => c.id)
      .sort();
    for (const e of effects) {
      expect(e.unavailable).toBeUndefined();
      expect(Object.keys(e.effects!)).toEqual(sorted);
      for (const v of Object.values(e.effects!)) expect(Number.isFinite(v)).toBe(true);
    }
    for (const e of effects.filter((x) => x.id.startsWith('markov'))) {
      for (const v of Object.values(e.effects!)) {
        expect(v).toBeGreaterThanOrEqual(0); // removal effects: in [0, 1]
        expect(v).toBeLessThanOrEqual(1);
      }
    }
  });

  it('learns from closed deals only, and says why a model cannot learn', () => {
    const journeys = [
      deal('open', ['a'], { stage: 'open' }),
      deal('l1', ['a'], { stage: 'lost' }),
      deal('l2', ['b'], { stage: 'lost' }),
    ];
    for (const e of channelEffects(journeys)) {
      expect(e.effects, e.id).toBeNull();
      expect(e.unavailable).toMatch(/conver/);
    }
    // Open deals change nothing.
    const closed = [...journeys.slice(1), deal('w', ['b'])];
    const open = ['a', 'b', 'c'].map((c, i) => deal(`o${i}`, [c, 'a'], { stage: 'open' }));
    expect(channelEffects([...open, ...closed])).toEqual(channelEffects(closed));
  });
});
