import { describe, expect, it } from 'vitest';
import { linear } from '../../../../src/attribution/models/linear.js';
import { runRuleModelContract } from './contract.js';
import { fractionsOf, journeyOfLength, reversed } from './helpers.js';

runRuleModelContract(linear, []);

describe('linear', () => {
  it('gives 100/n to each touch, whatever roles they hold (§2.2 table)', () => {
    for (const n of [1, 2, 3, 7]) {
      expect(fractionsOf(journeyOfLength(n), 'linear')).toEqual(
        Array.from({ length: n }, () => 1 / n),
      );
    }
  });

  it('ignores touch order (§7.7)', () => {
    const j = journeyOfLength(6);
    expect(fractionsOf(reversed(j), 'linear')).toEqual(fractionsOf(j, 'linear'));
  });

  it('splits 140.00 over 3 touches as 46.67, 46.67, 46.66 (§3)', () => {
    const j = journeyOfLength(3);
    const deal = { ...j.deal, amount: { cents: 14_000, currency: 'USD' } };
    const a = attributeCents({ ...j, deal });
    expect(a).toEqual([4667, 4667, 4666]);
  });
});

import { attributeJourney } from '../../../../src/attribution/attribute.js';
import type { Journey } from '../../../../src/attribution/types.js';
function attributeCents(j: Journey): number[] {
  const a = attributeJourney(j, 'linear');
  return a.credits.map((c) => c.cents);
}
