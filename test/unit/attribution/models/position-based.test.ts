import { describe, expect, it } from 'vitest';
import { positionBased } from '../../../../src/attribution/models/position-based.js';
import { runRuleModelContract } from './contract.js';
import { fractionsOf, journeyOfLength, reversed, shape } from './helpers.js';

runRuleModelContract(positionBased, []);

describe('position_based', () => {
  it('follows the §2.2 table for n = 1, 2, 3 and 7', () => {
    for (const n of [1, 2, 3, 7]) {
      const got = fractionsOf(journeyOfLength(n), 'position_based');
      const want = shape(n, 0.4, 0.2, 0.4);
      expect(got).toHaveLength(want.length);
      got.forEach((f, i) => {
        expect(f).toBeCloseTo(want[i]!, 14);
      });
    }
  });

  it('is mirrored by reversing the path (§7.7)', () => {
    const j = journeyOfLength(6);
    expect(fractionsOf(reversed(j), 'position_based')).toEqual(
      fractionsOf(j, 'position_based').reverse(),
    );
  });

  it('splits two touches 50/50 (renormalised 40/40)', () => {
    expect(fractionsOf(journeyOfLength(2), 'position_based')).toEqual([0.5, 0.5]);
  });
});
