import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareTuples,
  kgrams,
  keyRanks,
  stateKey,
} from '../../../../src/attribution/markov/kgrams.js';
import { cmp } from '../../../../src/kernel/index.js';

describe('kgrams', () => {
  it('builds the k = 2 states of the spec examples', () => {
    expect(kgrams(['A', 'A', 'B', 'A'], 2)).toEqual([
      ['A', 'A'],
      ['A', 'B'],
      ['B', 'A'],
    ]);
    expect(kgrams(['A', 'A', 'A'], 2)).toEqual([['A', 'A']]);
    expect(kgrams(['A'], 2)).toEqual([['A']]);
  });

  it('collapses consecutive repeats at k = 1', () => {
    expect(kgrams(['A', 'A', 'B', 'B', 'A'], 1)).toEqual([['A'], ['B'], ['A']]);
  });

  it('keeps a path shorter than k as one state', () => {
    expect(kgrams(['A', 'B'], 3)).toEqual([['A', 'B']]);
    expect(kgrams(['A', 'B', 'C', 'A'], 3)).toEqual([
      ['A', 'B', 'C'],
      ['B', 'C', 'A'],
    ]);
  });
});

describe('state key order', () => {
  it('orders integer tuples exactly as their JSON keys in code-unit order', () => {
    const name = fc.string({
      minLength: 1,
      maxLength: 3,
      unit: fc.constantFrom('a', 'b', ' ', '!', '"', '\\', '\n', 'é', 'A'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), {
          minLength: 2,
          maxLength: 30,
        }),
        (names, raw) => {
          const channels = [...names].sort(cmp);
          const k = 4;
          const tuples = new Int32Array(raw.length * k);
          const lengths = new Uint8Array(raw.length);
          raw.forEach((t, i) => {
            lengths[i] = t.length;
            t.forEach((v, j) => (tuples[i * k + j] = v % channels.length));
          });
          const key = (i: number) =>
            stateKey(Array.from(tuples.subarray(i * k, i * k + lengths[i]!), (c) => channels[c]!));
          const rank = keyRanks(channels);
          const ids = raw.map((_, i) => i);
          const byTuple = [...ids].sort((a, b) => compareTuples(tuples, lengths, k, rank, a, b));
          const byKey = [...ids].sort((a, b) => cmp(key(a), key(b)));
          expect(byTuple.map(key)).toEqual(byKey.map(key));
        },
      ),
    );
  });
});
