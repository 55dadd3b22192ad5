import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, formatMinorUnits, toMinorUnits } from '../../../src/attribution/money.js';

describe('toMinorUnits', () => {
  it('converts decimal strings without floats, half away from zero', () => {
    expect(toMinorUnits('1500.00', 'USD')).toEqual({ ok: true, value: 150000 });
    expect(toMinorUnits('0.9000000000000000222', 'USD')).toEqual({ ok: true, value: 90 });
    expect(toMinorUnits('2.675', 'USD')).toEqual({ ok: true, value: 268 }); // 2.675 is 2.67499… as a float
    expect(toMinorUnits('-2.675', 'USD')).toEqual({ ok: true, value: -268 });
    expect(toMinorUnits('1234.5', 'JPY')).toEqual({ ok: true, value: 1235 });
    expect(toMinorUnits('1.2345', 'KWD')).toEqual({ ok: true, value: 1235 });
    expect(toMinorUnits('.5', 'USD')).toEqual({ ok: true, value: 50 });
    expect(toMinorUnits('-0.001', 'USD')).toEqual({ ok: true, value: 0 });
  });

  it('rejects what is not a plain decimal, naming the value', () => {
    for (const bad of ['', 'abc', '1e5', '1,000.00', '1.2.3', '--1']) {
      const r = toMinorUnits(bad, 'USD');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain(`"${bad}"`);
    }
    expect(toMinorUnits('90071992547409.92', 'USD').ok).toBe(false);
  });

  it('round-trips through formatMinorUnits', () => {
    expect(formatMinorUnits(150000, 'USD')).toBe('1500.00');
    expect(formatMinorUnits(-5, 'USD')).toBe('-0.05');
    expect(formatMinorUnits(1235, 'JPY')).toBe('1235');
    expect(formatMinorUnits(1235, 'KWD')).toBe('1.235');
  });
});

describe('allocate (largest remainder)', () => {
  it('reproduces the published examples of ATTRIBUTION.md §3', () => {
    expect(allocate(14000, [1 / 3, 1 / 3, 1 / 3])).toEqual([4667, 4667, 4666]);
    const w = [0.3, 0.3, 0.3, 0.05, 0.05];
    expect(allocate(123457, w)).toEqual([37037, 37037, 37037, 6173, 6173]);
  });

  it('breaks remainder ties by the earlier index, or by the given rank', () => {
    expect(allocate(1, [0.5, 0.5])).toEqual([1, 0]);
    expect(allocate(1, [0.5, 0.5], [1, 0])).toEqual([0, 1]);
  });

  it('allocates negative amounts as the mirror of positive ones', () => {
    expect(allocate(-14000, [1, 1, 1])).toEqual([-4667, -4667, -4666]);
  });

  it('always sums exactly, stays within one cent of the exact share, gives 0 to 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (amount, raw) => {
          const fractions = raw.some((f) => f > 0) ? raw : [...raw.slice(1), 1];
          const out = allocate(amount, fractions);
          const s = fractions.reduce((a, b) => a + b, 0);
          expect(out.reduce((a, b) => a + b, 0)).toBe(amount);
          out.forEach((a, i) => {
            expect(a).toBeGreaterThanOrEqual(0);
            if (fractions[i] === 0) expect(a).toBe(0);
            // the bound holds on the exact share; allow float slack for amounts near 2^53
            expect(Math.abs(a - (amount * fractions[i]!) / s)).toBeLessThan(1 + amount * 1e-15);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
