import { describe, expect, it } from 'vitest';
import { attributeJourney } from '../../../../src/attribution/attribute.js';
import { custom } from '../../../../src/attribution/models/custom.js';
import { edgeJourney, runRuleModelContract } from './contract.js';
import { fractionsOf, journeyOfLength } from './helpers.js';

runRuleModelContract(custom, [
  undefined,
  { weights: { FIRST: 0.3, LAST: 0.7 } },
  { weights: { OC: 1 } },
  { weights: { LND: 2, MID: 1 } },
  { weights: { CW: 5, LC: 1 } },
]);

describe('custom', () => {
  it('is scale-free: FIRST 3 / LAST 7 equals FIRST .3 / LAST .7 (F3: 3/7)', () => {
    const j = journeyOfLength(2);
    const a = fractionsOf(j, 'custom', { weights: { FIRST: 3, LAST: 7 } });
    expect(a).toEqual(fractionsOf(j, 'custom', { weights: { FIRST: 0.3, LAST: 0.7 } }));
    expect(a[0]).toBeCloseTo(0.3, 15);
    expect(a[1]).toBeCloseTo(0.7, 15);
  });

  it('leaves the deal unattributed (no_weighted_role) when every weighted bucket is empty', () => {
    // 100 % deal creation and no touch before the deal was created.
    const a = attributeJourney(edgeJourney(3, 'no_oc'), 'custom', { weights: { OC: 1 } });
    expect(a).toMatchObject({
      status: 'unattributed',
      reason: 'no_weighted_role',
      unattributedCents: 123_457,
      credits: [],
    });
  });

  it('rejects bad weights with messages that name the field', () => {
    const bad = (o: unknown): string => {
      const r = custom.options.safeParse(o);
      expect(r.success).toBe(false);
      return r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n') ?? '';
    };
    expect(bad({ weights: { FIRST: -1 } })).toContain('weights.FIRST must be ≥ 0');
    expect(bad({ weights: { MID: 'x' } })).toContain('weights.MID must be a number');
    expect(bad({ weights: { FIRST: 0 } })).toContain('at least one of FIRST');
    expect(bad({ weights: { FIRTS: 1 } })).toContain('FIRTS');
    expect(bad({ weight: {} })).toContain('weight');
  });

  it('throws when attributeJourney is handed invalid options (settings are validated on save)', () => {
    expect(() => attributeJourney(journeyOfLength(2), 'custom', { weights: { LC: -1 } })).toThrow(
      /weights\.LC/,
    );
  });
});
