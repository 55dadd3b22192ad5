// allocateInto must equal money.ts `allocate` exactly (ATTRIBUTION.md §3). Position models give a
// few distinct fractions (handed out rank by rank), time decay many (quickselect): both branches
// are driven here, with dirty reused buffers.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateInto } from '../../../src/attribution/cents.js';
import { allocate } from '../../../src/attribution/money.js';

/** n fractions drawn from a palette of k values (0 included sometimes), as position models give. */
const fewDistinct = fc
  .record({
    palette: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1, noNaN: true })), {
      minLength: 1,
      maxLength: 12,
    }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 80 }),
  })
  .map(({ palette, picks }) => picks.map((p) => palette[p % palette.length]!));

const manyDistinct = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
  minLength: 1,
  maxLength: 80,
});

function viaInto(amount: number, fs: readonly number[]): number[] | 'left_to_allocate' {
  const n = fs.length;
  const out = new Float64Array(n + 5).fill(3);
  const keys = new Float64Array(n + 5).fill(-1);
  const f = new Float64Array(n + 5).fill(0.5);
  f.set(fs);
  if (!allocateInto(amount, f, n, out, keys)) return 'left_to_allocate';
  return Array.from(out.subarray(0, n));
}

describe('allocateInto', () => {
  it('equals allocate for few and many distinct fractions', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 ** 53 / 128 })),
        fc.oneof(fewDistinct, manyDistinct),
        (amount, fs) => {
          fc.pre(fs.some((f) => f > 0));
          const got = viaInto(amount, fs);
          if (got !== 'left_to_allocate') expect(got).toEqual(allocate(amount, fs));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives remainder ties to the earlier touch across non-adjacent equal fractions', () => {
    // 4 over [⅛, ⅜, ⅛, ⅜]: shares 0.5, 1.5, 0.5, 1.5; the two leftover cents tie on .5 and go
    // to touches 1 and 2, though their fractions differ.
    const fs = [0.125, 0.375, 0.125, 0.375];
    expect(viaInto(4, fs)).toEqual([1, 2, 0, 1]);
    expect(viaInto(4, fs)).toEqual(allocate(4, fs));
  });

  it('hands out cents by rank across more than eight distinct remainders', () => {
    const fs = Array.from({ length: 20 }, (_, i) => (i + 1) / 210);
    expect(viaInto(1_000_003, fs)).toEqual(allocate(1_000_003, fs));
  });

  it('leaves negative amounts and zero sums to allocate', () => {
    expect(viaInto(-5, [0.5, 0.5])).toBe('left_to_allocate');
    expect(viaInto(5, [0, 0])).toBe('left_to_allocate');
  });
});
