import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildChain } from '../../../../src/attribution/markov/chain.js';
import { solveBracketed } from '../../../../src/attribution/markov/gauss-seidel.js';
import {
  Reach,
  reachesConversion,
  removedStates,
  transpose,
} from '../../../../src/attribution/markov/removal.js';
import { timeBound } from '../../../../src/attribution/markov/time-bound.js';
import { solveTwoSided } from '../../../../src/attribution/markov/two-sided.js';
import { solveChain } from '../../../../src/attribution/markov/solve.js';
import { markov } from '../../../../src/attribution/models/markov.js';
import { pathSetFromRows } from '../../../../src/attribution/paths/path-set.js';
import { denseMarkov } from './dense.js';

const row = fc.record({
  path: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 7 }),
  conversions: fc.integer({ min: 0, max: 5 }),
  nulls: fc.integer({ min: 0, max: 5 }),
});
const rows = fc.array(row, { minLength: 1, maxLength: 12 });

const relClose = (a: number, b: number, rel: number) =>
  Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe('Markov solvers agree (§7.9)', () => {
  it('order-1 shortcut, Gauss–Seidel and a dense solve agree to 1e−9 relative', () => {
    fc.assert(
      fc.property(rows, fc.boolean(), (input, useNulls) => {
        const paths = pathSetFromRows(input);
        const chain = buildChain(paths, 1, useNulls);
        const shortcut = solveChain(chain, 'order_one');
        const gs = solveChain(chain, 'gauss_seidel');
        if (!shortcut.ok || !gs.ok) throw new Error('not converged');
        const dense = denseMarkov(input, 1, useNulls);
        if (!(dense.p > 0)) {
          expect(shortcut.value.p).toBe(0);
          expect(gs.value.p).toBe(0);
          return;
        }
        expect(relClose(shortcut.value.p, dense.p, 1e-9)).toBe(true);
        expect(relClose(gs.value.p, dense.p, 1e-9)).toBe(true);
        paths.channels.forEach((c, i) => {
          const want = dense.removalEffects[c]!;
          // RE = 1 − p_c/p: compare the lost probability p·RE, relative to p.
          expect(Math.abs(shortcut.value.removalEffects[i]! - want)).toBeLessThanOrEqual(1e-9);
          expect(Math.abs(gs.value.removalEffects[i]! - want)).toBeLessThanOrEqual(1e-9);
        });
      }),
    );
  });

  it('Gauss–Seidel agrees with a dense solve at orders 2–4', () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 2, max: 4 }), fc.boolean(), (input, order, useNulls) => {
        const paths = pathSetFromRows(input);
        const gs = solveChain(buildChain(paths, order, useNulls), 'gauss_seidel');
        if (!gs.ok) throw new Error('not converged');
        const dense = denseMarkov(input, order, useNulls);
        if (!(dense.p > 0)) return;
        expect(relClose(gs.value.p, dense.p, 1e-9)).toBe(true);
        paths.channels.forEach((c, i) => {
          expect(
            Math.abs(gs.value.removalEffects[i]! - dense.removalEffects[c]!),
          ).toBeLessThanOrEqual(1e-9);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('brackets the solution: p lies within 1e−12 relative of the dense answer, with or without extrapolation and via the two-sided fallback', () => {
    const input = [
      { path: ['a', 'b', 'a', 'c'], conversions: 2, nulls: 3 },
      { path: ['c', 'b', 'a'], conversions: 1, nulls: 1 },
      { path: ['b', 'a', 'b'], conversions: 0, nulls: 2 },
      { path: ['c', 'a', 'c', 'b', 'a'], conversions: 1, nulls: 4 },
    ];
    const paths = pathSetFromRows(input);
    const chain = buildChain(paths, 2, true);
    const preds = transpose(chain);
    const time = timeBound(chain);
    if (!time.ok) throw new Error(time.message);
    const dense = denseMarkov(input, 2, true);
    const systems = [
      { removed: -1, inG: reachesConversion(chain, preds, undefined) },
      ...paths.channels.map((_, c) => ({
        removed: c,
        inG: reachesConversion(chain, preds, removedStates(chain, c)),
      })),
    ];
    const want = [dense.p, ...paths.channels.map((c) => dense.p * (1 - dense.removalEffects[c]!))];
    for (const options of [{}, { extrapolate: false }, { stall: 0 }]) {
      const r = solveBracketed(chain, systems, { time: time.value, ...options });
      if (!r.ok) throw new Error(r.message);
      want.forEach((w, i) => {
        expect(Math.abs(r.value.p[i]! - w)).toBeLessThanOrEqual(1e-12 * w);
      });
    }
    systems.forEach((sys, i) => {
      const two = solveTwoSided(chain, sys.inG);
      if (!two.ok) throw new Error(two.message);
      expect(Math.abs(two.value.p - want[i]!)).toBeLessThanOrEqual(1e-12 * want[i]!);
    });
  });

  it('finds G of every removal at once as one breadth-first search per channel does', () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 4 }), fc.boolean(), (input, order, useNulls) => {
        const chain = buildChain(pathSetFromRows(input), order, useNulls);
        const preds = transpose(chain);
        const reach = new Reach(chain, preds);
        expect(reach.inG(-1)).toEqual(reachesConversion(chain, preds, undefined));
        chain.channels.forEach((_, c) => {
          expect(reach.inG(c)).toEqual(reachesConversion(chain, preds, removedStates(chain, c)));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('reports markov_not_converged when the sweep limit is reached', () => {
    // A long A/B alternation that almost never ends: at order 2 the chain loops between (A,B)
    // and (B,A) with probability ≈ 1 − 1/200 000, far too slow for 100 000 sweeps.
    const path = Array.from({ length: 200_000 }, (_, i) => (i % 2 ? 'B' : 'A'));
    const paths = pathSetFromRows([{ path, conversions: 1, nulls: 0 }]);
    const r = markov.learn(paths, { order: 2, useNulls: true });
    expect(r.ok ? 'ok' : r.error).toBe('markov_not_converged');
    const chain = buildChain(paths, 2, true);
    const inG = reachesConversion(chain, transpose(chain), undefined);
    expect(timeBound(chain, 50).ok).toBe(false);
    const time = new Float64Array(chain.size).fill(1e6);
    const few = solveBracketed(chain, [{ removed: -1, inG }], { time, maxSweeps: 3 });
    expect(few.ok ? 'ok' : few.error).toBe('markov_not_converged');
    const two = solveTwoSided(chain, inG, 3);
    expect(two.ok ? 'ok' : two.error).toBe('markov_not_converged');
  });
});
