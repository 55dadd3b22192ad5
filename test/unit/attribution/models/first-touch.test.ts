import { describe, expect, it } from 'vitest';
import { firstTouch } from '../../../../src/attribution/models/first-touch.js';
import { runRuleModelContract } from './contract.js';
import { fractionsOf, journeyOfLength } from './helpers.js';

runRuleModelContract(firstTouch, []);

describe('first_touch', () => {
  it('gives the whole deal to t_1 for n = 1, 2, 3 and 7', () => {
    for (const n of [1, 2, 3, 7]) {
      const expected = Array.from({ length: n }, (_, i) => (i === 0 ? 1 : 0));
      expect(fractionsOf(journeyOfLength(n), 'first_touch')).toEqual(expected);
    }
  });
});
