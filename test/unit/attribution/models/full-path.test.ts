import { describe, expect, it } from 'vitest';
import { fullPath } from '../../../../src/attribution/models/full-path.js';
import { edgeJourney, runRuleModelContract } from './contract.js';
import { fractionsOf } from './helpers.js';

runRuleModelContract(fullPath, []);

describe('full_path', () => {
  it('drops the closed-won bucket of an open deal and renormalises', () => {
    // t0: FIRST + LC, t1: OC, t2: middle; Z = .225·3 + .1 = .775.
    const got = fractionsOf(edgeJourney(3, 'open'), 'full_path');
    expect(got[0]).toBeCloseTo(0.45 / 0.775, 15);
    expect(got[1]).toBeCloseTo(0.225 / 0.775, 15);
    expect(got[2]).toBeCloseTo(0.1 / 0.775, 15);
  });

  it('gives the last touch of an open deal a pending closed-won share under "pending"', () => {
    // t0: FIRST + LC, t1: OC, t2: middle, t3: PENDING CW.
    expect(fractionsOf(edgeJourney(4, 'pending'), 'full_path').map((f) => f.toFixed(12))).toEqual(
      [0.45, 0.225, 0.1, 0.225].map((f) => f.toFixed(12)),
    );
  });
});
