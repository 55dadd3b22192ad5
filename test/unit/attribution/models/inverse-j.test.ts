import { describe, expect, it } from 'vitest';
import { inverseJ } from '../../../../src/attribution/models/inverse-j.js';
import { runRuleModelContract } from './contract.js';
import { fractionsOf, journeyOfLength, reversed, shape } from './helpers.js';

runRuleModelContract(inverseJ, []);

describe('inverse_j', () => {
  it('follows the §2.2 table for n = 1, 2, 3 and 7', () => {
    for (const n of [1, 2, 3, 7]) {
      const got = fractionsOf(journeyOfLength(n), 'inverse_j');
      const want = shape(n, 0.6, 0.2, 0.2);
      expect(got).toHaveLength(want.length);
      got.forEach((f, i) => {
        expect(f).toBeCloseTo(want[i]!, 14);
      });
    }
  });

  it('becomes j_shaped when the path is reversed (§7.7)', () => {
    const j = journeyOfLength(5);
    expect(fractionsOf(reversed(j), 'inverse_j')).toEqual(fractionsOf(j, 'j_shaped').reverse());
  });
});
