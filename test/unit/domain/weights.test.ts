// The rule models' maths in the domain (ATTRIBUTION.md §2.1 and §2.3), the one implementation the
// engine and the settings page's weights preview run, against hand-computed cases.

import { describe, expect, it } from 'vitest';
import {
  positionFractionsInto,
  timeDecayInPlace,
  type BucketWeights,
  type RoleHolders,
} from '../../../src/domain/index.js';

/** The fractions of n touches, or null when no bucket is present. */
function split(n: number, holders: RoleHolders, weights: BucketWeights): number[] | null {
  const out = new Array<number>(n).fill(Number.NaN);
  return positionFractionsInto(n, holders, weights, out) ? out : null;
}

const expectFractions = (got: number[] | null, expected: number[]) => {
  expect(got).not.toBeNull();
  expect(got).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    expect(got![i], `touch ${String(i)}`).toBeCloseTo(e, 14);
  });
};

const POSITION = { FIRST: 40, LAST: 40, MID: 20 };
const W_SHAPED = { FIRST: 30, LC: 30, OC: 30, MID: 10 };

describe('positionFractionsInto (§2.1)', () => {
  it('splits 40/20/40 over three touches and the middle evenly over more', () => {
    expectFractions(split(3, { FIRST: 0, LAST: 2 }, POSITION), [0.4, 0.2, 0.4]);
    expectFractions(split(5, { FIRST: 0, LAST: 4 }, POSITION), [
      0.4,
      0.2 / 3,
      0.2 / 3,
      0.2 / 3,
      0.4,
    ]);
  });

  it('drops an empty middle and renormalises: two touches under 40/20/40 get 50/50', () => {
    expectFractions(split(2, { FIRST: 0, LAST: 1 }, POSITION), [0.5, 0.5]);
  });

  it('drops a missing milestone: W-shaped without deal creation is 3/7, 3/7 and 1/7 split', () => {
    // Z = 30 + 30 + 10: FIRST 30/70, LC 30/70, the middle (touches 2 and 3) 10/70 between them.
    expectFractions(split(4, { FIRST: 0, LC: 1 }, W_SHAPED), [3 / 7, 3 / 7, 1 / 14, 1 / 14]);
  });

  it('gives W-shaped without a middle a third per milestone', () => {
    expectFractions(split(3, { FIRST: 0, LC: 1, OC: 2 }, W_SHAPED), [1 / 3, 1 / 3, 1 / 3]);
  });

  it('sums the roles a touch holds, so a touch holding every present role gets exactly 1', () => {
    const full = { FIRST: 22.5, LC: 22.5, OC: 22.5, CW: 22.5, MID: 10 };
    expect(split(1, { FIRST: 0, LAST: 0, LND: 0, LC: 0, OC: 0, CW: 0 }, full)).toEqual([1]);
    // FIRST and LC on touch 0: 45/100; OC 22.5; CW 22.5; the middle touch 10.
    expectFractions(split(4, { FIRST: 0, LC: 0, OC: 1, CW: 3 }, full), [0.45, 0.225, 0.1, 0.225]);
  });

  it('is scale-free: percent and fractions give the same split', () => {
    const holders = { FIRST: 0, LAST: 2 };
    expectFractions(split(3, holders, { FIRST: 3, LAST: 7 }), [0.3, 0, 0.7]);
    expectFractions(split(3, holders, { FIRST: 0.3, LAST: 0.7 }), [0.3, 0, 0.7]);
  });

  it('counts only weights above 0: a linear split when only the middle weighs', () => {
    expectFractions(split(4, { FIRST: 0, LAST: 3 }, { MID: 100 }), [0.25, 0.25, 0.25, 0.25]);
    expectFractions(
      split(4, { FIRST: 0, LAST: 3 }, { FIRST: 0, LAST: -5, MID: 10 }),
      [0.25, 0.25, 0.25, 0.25],
    );
  });

  it('is false when no bucket is present (custom 100% deal creation, no touch holds it)', () => {
    expect(split(3, { FIRST: 0, LAST: 2 }, { OC: 100 })).toBeNull();
    expect(split(0, {}, { MID: 100 })).toBeNull();
  });

  it('writes only out[0..n) of a longer array', () => {
    const out = new Float64Array([9, 9, 9, 9]);
    expect(positionFractionsInto(2, { FIRST: 0, LAST: 1 }, POSITION, out)).toBe(true);
    expect([...out]).toEqual([0.5, 0.5, 9, 9]);
  });
});

describe('timeDecayInPlace (§2.3)', () => {
  it('halves the weight every half-life before the end, normalised', () => {
    const out = [14, 7, 0];
    timeDecayInPlace(out, 3, 7);
    expectFractions(out, [1 / 7, 2 / 7, 4 / 7]);
  });

  it('gives one touch everything and equal times equal shares', () => {
    const one = [30];
    timeDecayInPlace(one, 1, 7);
    expect(one).toEqual([1]);
    const same = [3, 3, 3, 3];
    timeDecayInPlace(same, 4, 7);
    expect(same).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('measures from the latest touch, so a long journey never underflows to 0/0', () => {
    const out = new Float64Array([5000, 3000, 1000.5]);
    timeDecayInPlace(out, 3, 1);
    expect([...out]).toEqual([0, 0, 1]);
  });
});
