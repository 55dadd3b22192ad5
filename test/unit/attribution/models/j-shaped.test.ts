import { describe, expect, it } from 'vitest';
import { jShaped } from '../../../../src/attribution/models/j-shaped.js';
import { runRuleModelContract } from './contract.js';
import { fractionsOf, journeyOfLength, reversed, shape } from './helpers.js';

runRuleModelContract(jShaped, []);

describe('j_shaped', () => {
  it('follows the §2.2 table for n = 1, 2, 3 and 7', () => {
    for (const n of [1, 2, 3, 7]) {
      const got = fractionsOf(journeyOfLength(n), 'j_shaped');
      const want = shape(n, 0.2, 0.2, 0.6);
      expect(got).toHaveLength(want.length);
      got.forEach((f, i) => {
        expect(f).toBeCloseTo(want[i]!, 14);
      });
    }
  });

  it('becomes inverse_j when the path is reversed (§7.7)', () => {
    const j = journeyOfLength(6);
    expect(fractionsOf(reversed(j), 'j_shaped')).toEqual(fractionsOf(j, 'inverse_j').reverse());
  });
});
