import { describe, expect, it } from 'vitest';
import { lastTouch } from '../../../../src/attribution/models/last-touch.js';
import { runRuleModelContract } from './contract.js';
import { fractionsOf, journeyOfLength, reversed } from './helpers.js';

runRuleModelContract(lastTouch, []);

describe('last_touch', () => {
  it('gives the whole deal to t_n for n = 1, 2, 3 and 7', () => {
    for (const n of [1, 2, 3, 7]) {
      const expected = Array.from({ length: n }, (_, i) => (i === n - 1 ? 1 : 0));
      expect(fractionsOf(journeyOfLength(n), 'last_touch')).toEqual(expected);
    }
  });

  it('swaps with first_touch when the path is reversed (§7.7)', () => {
    const j = journeyOfLength(5);
    const first = fractionsOf(j, 'first_touch');
    expect(fractionsOf(reversed(j), 'last_touch')).toEqual([...first].reverse());
  });
});
