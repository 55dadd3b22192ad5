import { describe, expect, it } from 'vitest';
import { uShaped } from '../../../../src/attribution/models/u-shaped.js';
import { edgeJourney, runRuleModelContract } from './contract.js';
import { fractionsOf } from './helpers.js';

runRuleModelContract(uShaped, []);

describe('u_shaped', () => {
  it('gives 40 % each to first touch and lead creation, 20 % to the rest', () => {
    // edgeJourney 'all': t0 creates the contact (FIRST and LC on one touch: 80 %).
    expect(fractionsOf(edgeJourney(3, 'all'), 'u_shaped')).toEqual([0.8, 0.1, 0.1]);
  });

  it('renormalises over first touch and the middle when no touch created the lead', () => {
    const got = fractionsOf(edgeJourney(2, 'no_lc'), 'u_shaped');
    expect(got).toEqual([2 / 3, 1 / 3]); // FIRST .4 and MID .2 renormalised over Z = .6
  });
});
