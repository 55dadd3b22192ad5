import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absorptionProbabilities,
  stateIndex,
} from '../../../../src/attribution/markov/absorption.js';
import { buildChain, type MarkovChain } from '../../../../src/attribution/markov/chain.js';
import { solveChain } from '../../../../src/attribution/markov/solve.js';
import { pathSetFromRows, type PathRow } from '../../../../src/attribution/paths/path-set.js';
import { denseMarkov, denseSolve } from './dense.js';

function solved(rows: readonly PathRow[], order: number) {
  const paths = pathSetFromRows(rows);
  const chain = buildChain(paths, order, true);
  const x = absorptionProbabilities(chain);
  if (!x.ok) throw new Error(x.message);
  const find = stateIndex(chain);
  const id = (name: string) => paths.channels.indexOf(name);
  return { chain, x: x.value, at: (...names: string[]) => x.value[find(names.map(id))]! };
}

/** Names of state s's tuple. */
function namesOf(chain: MarkovChain, s: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < chain.lengths[s]!; i++) {
    out.push(chain.channels[chain.tuples[s * chain.order + i]!]!);
  }
  return out;
}

describe('absorptionProbabilities', () => {
  it('gives every state of F4 its probability of ending in CONV, by hand', () => {
    // F4: START→a 1; a→b 2/3, a→c 1/3; b→CONV .75; c→CONV .5.
    const { x, at } = solved(
      [
        { path: ['a', 'b'], conversions: 3, nulls: 1 },
        { path: ['a', 'c'], conversions: 1, nulls: 1 },
      ],
      1,
    );
    expect(at('b')).toBeCloseTo(0.75, 12);
    expect(at('c')).toBeCloseTo(0.5, 12);
    expect(at('a')).toBeCloseTo((2 / 3) * 0.75 + (1 / 3) * 0.5, 12);
    expect(x[0]).toBeCloseTo(2 / 3, 12); // START: p of §6 F4
  });

  it('solves an order-2 chain by hand', () => {
    // a>b 1/1 → (a,b); a>b>c 2/0 → (a,b),(b,c); b>c 0/6 → (b,c).
    // (a,b): CONV 1, NULL 1, →(b,c) 2 of 4; (b,c): CONV 2, NULL 6; START: (a,b) 4, (b,c) 6 of 10.
    const { x, at } = solved(
      [
        { path: ['a', 'b'], conversions: 1, nulls: 1 },
        { path: ['a', 'b', 'c'], conversions: 2 },
        { path: ['b', 'c'], conversions: 0, nulls: 6 },
      ],
      2,
    );
    expect(at('b', 'c')).toBeCloseTo(0.25, 12);
    expect(at('a', 'b')).toBeCloseTo(0.25 + 0.5 * 0.25, 12);
    expect(x[0]).toBeCloseTo(0.4 * 0.375 + 0.6 * 0.25, 12);
  });

  it('finds states by tuple: START for the empty tuple, −1 for an unseen one', () => {
    const { chain } = solved([{ path: ['a', 'b'], conversions: 1 }], 2);
    const find = stateIndex(chain);
    expect(find([])).toBe(0);
    expect(namesOf(chain, find([0, 1]))).toEqual(['a', 'b']);
    expect(find([1, 0])).toBe(-1);
  });

  it('a state that cannot reach CONV is exactly 0', () => {
    const { at } = solved(
      [
        { path: ['a', 'b'], conversions: 1 },
        { path: ['c'], conversions: 0, nulls: 3 },
      ],
      1,
    );
    expect(at('c')).toBe(0);
    expect(at('b')).toBeCloseTo(1, 12);
  });

  it('agrees with a dense solve in every state, and with p at START, orders 1–3', () => {
    const row = fc.record({
      path: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 7 }),
      conversions: fc.integer({ min: 0, max: 5 }),
      nulls: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 3 }),
        (rows, order) => {
          const paths = pathSetFromRows(rows);
          const chain = buildChain(paths, order, true);
          const x = absorptionProbabilities(chain);
          if (!x.ok) throw new Error(x.message);
          const dense = denseMarkov(rows, order);
          const keys = ['START'];
          for (let s = 1; s < chain.size; s++) keys.push(JSON.stringify(namesOf(chain, s)));
          const want = denseSolve(
            keys.map((f) => keys.map((t) => dense.transition(f, t))),
            keys.map((f) => dense.transition(f, 'CONV')),
          );
          keys.forEach((_, s) => {
            expect(Math.abs(x.value[s]! - want[s]!)).toBeLessThanOrEqual(1e-9);
          });
          const p = solveChain(chain);
          if (!p.ok) throw new Error(p.message);
          expect(Math.abs(x.value[0]! - p.value.p)).toBeLessThanOrEqual(1e-9);
        },
      ),
      { numRuns: 80 },
    );
  });
});
