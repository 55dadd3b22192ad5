import { describe, expect, it } from 'vitest';
import { rowsFromJourneys } from '../../../src/attribution/apply-learned.js';
import type { Journey } from '../../../src/attribution/index.js';
import { markovPredictor, type MarkovOrder } from '../../../src/evaluation/predictors/markov.js';
import { deal, deals } from './journeys.js';

// Seven training deals over channels a and b:
//   [a] won, [a] lost, [a, b] won ×2, [b] lost ×2, [b, a] lost.
// Order-1 chain (every deal weighs 1, nulls used):
//   START → a 4, → b 3;
//   a → CONV 1 ([a] won), → NULL 2 ([a] lost, [b, a]), → b 2: out of 5;
//   b → CONV 2 ([a, b]), → NULL 2 ([b]), → a 1 ([b, a]): out of 5.
// x(a) = 1/5 + 2/5·x(b), x(b) = 2/5 + 1/5·x(a)  ⇒  x(a) = 9/23, x(b) = 11/23,
// x(START) = 4/7·9/23 + 3/7·11/23 = 3/7 = the win rate.
function training(): Journey[] {
  return [
    deal('w1', ['a']),
    deal('l1', ['a'], { stage: 'lost' }),
    ...deals('w-ab', 2, ['a', 'b']),
    ...deals('l-b', 2, ['b'], { stage: 'lost' }),
    deal('l-ba', ['b', 'a'], { stage: 'lost' }),
  ];
}

function fitted(order: MarkovOrder) {
  const fit = markovPredictor(order).fit(rowsFromJourneys(training()));
  if (!fit.ok) throw new Error(fit.message);
  const predict = fit.value.predict!;
  return { fit: fit.value, p: (...channels: string[]) => predict(deal('q', channels)) };
}

describe('markov predictor, order 1', () => {
  const { fit, p } = fitted(1);

  it('scores a journey by the absorption probability of its final state, by hand', () => {
    expect(p('a')).toBeCloseTo(9 / 23, 10);
    expect(p('b', 'a')).toBeCloseTo(9 / 23, 10);
    expect(p('a', 'b')).toBeCloseTo(11 / 23, 10);
    expect(p('b', 'b', 'a', 'b')).toBeCloseTo(11 / 23, 10);
  });

  it('leaves out channels it never saw, and gives a journey with none the win rate', () => {
    expect(p('a', 'zz')).toBeCloseTo(9 / 23, 10); // final known state: a
    expect(p('zz')).toBeCloseTo(3 / 7, 12);
    expect(p()).toBeCloseTo(3 / 7, 12);
  });

  it('has shares that sum to 1 and removal effects in [0, 1]', () => {
    const total = [...fit.channelShares.values()].reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(1, 12);
    for (const e of fit.effects().values()) {
      expect(e).toBeGreaterThanOrEqual(0);
      expect(e).toBeLessThanOrEqual(1);
    }
    expect([...fit.effects().keys()]).toEqual(['a', 'b']);
  });
});

describe('markov predictor, higher orders back off to shorter histories', () => {
  // Order-2 states of the same deals: (a) from [a] won/lost → CONV ½; (b) from [b] lost ×2 → 0;
  // (a, b) from [a, b] won ×2 → 1; (b, a) from [b, a] lost → 0.
  it('uses the order-2 state when training saw it', () => {
    const { p } = fitted(2);
    expect(p('a')).toBeCloseTo(0.5, 10); // not the order-1 9/23
    expect(p('a', 'b')).toBeCloseTo(1, 10);
    expect(p('b', 'b', 'a', 'b')).toBeCloseTo(1, 10); // last two: (a, b)
    expect(p('a', 'b', 'a')).toBeCloseTo(0, 10); // last two: (b, a)
  });

  it('backs off to order 1 for a state training never saw', () => {
    const { p } = fitted(2);
    expect(p('b', 'b')).toBeCloseTo(11 / 23, 10); // (b, b) unseen → x₁(b)
    expect(p('b', 'a', 'a')).toBeCloseTo(9 / 23, 10); // (a, a) unseen → x₁(a)
    expect(p('zz', 'a', 'zz', 'a')).toBeCloseTo(9 / 23, 10); // known path a, a → (a, a) unseen
  });

  it('backs off through every level at order 3', () => {
    const { p } = fitted(3);
    expect(p('a', 'a', 'b')).toBeCloseTo(1, 10); // (a, a, b) unseen → (a, b) of order 2
    expect(p('a', 'b', 'b')).toBeCloseTo(11 / 23, 10); // (a, b, b), (b, b) unseen → x₁(b)
    expect(p('a', 'b')).toBeCloseTo(1, 10); // a short path is an order-3 state of its own
    expect(p()).toBeCloseTo(3 / 7, 12);
  });
});

describe('markov predictor without a conversion', () => {
  it('cannot learn, and says why', () => {
    const fit = markovPredictor(1).fit(
      rowsFromJourneys([
        deal('l1', ['a'], { stage: 'lost' }),
        deal('l2', ['b'], { stage: 'lost' }),
      ]),
    );
    expect(fit.ok).toBe(false);
    if (!fit.ok) expect(fit.message).toMatch(/conversion/);
  });
});
