// The two chain builders (chain-dense.ts, chain-general.ts) build the same chain, bit for bit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDense } from '../../../../src/attribution/markov/chain-dense.js';
import { buildGeneral } from '../../../../src/attribution/markov/chain-general.js';
import { pathSetFromRows } from '../../../../src/attribution/paths/path-set.js';
import { readReferenceText } from '../../../fixtures/reference.js';

const row = fc.record({
  path: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1, maxLength: 9 }),
  conversions: fc.integer({ min: 0, max: 5 }),
  nulls: fc.integer({ min: 0, max: 5 }),
  value: fc.double({ min: 0, max: 100, noNaN: true }),
});

describe('chain builders', () => {
  it('agree on random paths at orders 1–4, with and without nulls', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (rows, order, useNulls) => {
          const paths = pathSetFromRows(rows);
          const dense = buildDense(paths, order, useNulls);
          expect(dense).toBeDefined();
          expect(dense).toEqual(buildGeneral(paths, order, useNulls));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('agree on the reference file at orders 1–4', () => {
    const rows = readReferenceText('mta-paths.csv')
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l.trim() !== '')
      .map((line) => {
        const [path, conv, value, nul] = line.split(',') as [string, string, string, string];
        return {
          path: path.split('>').map((s) => s.trim()),
          conversions: Number(conv),
          value: Number(value),
          nulls: Number(nul),
        };
      });
    const paths = pathSetFromRows(rows);
    for (const order of [1, 2, 3, 4]) {
      for (const useNulls of [true, false]) {
        expect(buildDense(paths, order, useNulls)).toEqual(buildGeneral(paths, order, useNulls));
      }
    }
  });
});
