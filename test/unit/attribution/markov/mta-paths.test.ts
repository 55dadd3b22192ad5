// The 10 000-path reference file (test/fixtures/reference/mta-paths.csv) at every order, with and
// without nulls: invariants, and agreement of the three solvers where they apply.
import { describe, expect, it } from 'vitest';
import { buildChain } from '../../../../src/attribution/markov/chain.js';
import { solveChain } from '../../../../src/attribution/markov/solve.js';
import { markov } from '../../../../src/attribution/models/markov.js';
import { pathSetFromRows } from '../../../../src/attribution/paths/path-set.js';
import { denseMarkov } from './dense.js';
import { readReferenceText } from '../../../fixtures/reference.js';

/** §7.9 compares p and every p_c = p·(1 − RE_c) to 1e−9 relative. */
function expectAgree(p: number, re: number, denseP: number, denseRe: number) {
  expect(Math.abs(p - denseP)).toBeLessThanOrEqual(1e-9 * denseP);
  const pc = p * (1 - re);
  const densePc = denseP * (1 - denseRe);
  expect(Math.abs(pc - densePc)).toBeLessThanOrEqual(1e-9 * densePc);
}

// A few lines of parsing on purpose: the real parser (paths/csv.ts) is tested on its own.
const lines = readReferenceText('mta-paths.csv')
  .split(/\r?\n/)
  .filter((l) => l.trim() !== '');
expect(lines[0]).toBe('path,total_conversions,total_conversion_value,total_null');
const rows = lines.slice(1).map((line) => {
  const [path, conv, value, nul] = line.split(',') as [string, string, string, string];
  return {
    path: path.split('>').map((s) => s.trim()),
    conversions: Number(conv),
    value: Number(value),
    nulls: Number(nul),
  };
});
const paths = pathSetFromRows(rows);

describe('Markov on mta-paths.csv', () => {
  it('reads the published totals', () => {
    expect(paths.channels).toHaveLength(12);
    expect(paths.totalConversions).toBe(19_785);
    expect(paths.totalNulls).toBe(68_602);
  });

  for (const useNulls of [true, false]) {
    it(`keeps the invariants at orders 1–4 (${useNulls ? 'with' : 'without'} nulls)`, () => {
      for (const order of [1, 2, 3, 4]) {
        const r = markov.learn(paths, { order, useNulls });
        if (!r.ok) throw new Error(r.message);
        const m = r.value;
        expect(m.channels.map((c) => c.channel)).toEqual(paths.channels);
        let conv = 0;
        let value = 0;
        for (const c of m.channels) {
          expect(c.removalEffect).toBeGreaterThan(0);
          expect(c.removalEffect).toBeLessThanOrEqual(1);
          conv += c.conversions;
          value += c.value;
        }
        expect(Math.abs(conv - paths.totalConversions)).toBeLessThanOrEqual(
          1e-9 * paths.totalConversions,
        );
        expect(Math.abs(value - paths.totalValue)).toBeLessThanOrEqual(1e-9 * paths.totalValue);
        if (useNulls) {
          expect(m.conversionProbability).toBeGreaterThan(0);
          expect(m.conversionProbability).toBeLessThan(1);
        } else expect(m.conversionProbability).toBeCloseTo(1, 11);
      }
    });

    it(`order 1: shortcut, Gauss–Seidel and a dense solve agree (${useNulls ? 'with' : 'without'} nulls)`, () => {
      const chain = buildChain(paths, 1, useNulls);
      const shortcut = solveChain(chain, 'order_one');
      const gs = solveChain(chain, 'gauss_seidel');
      if (!shortcut.ok || !gs.ok) throw new Error('not converged');
      const dense = denseMarkov(rows, 1, useNulls);
      paths.channels.forEach((c, i) => {
        const want = dense.removalEffects[c]!;
        expectAgree(shortcut.value.p, shortcut.value.removalEffects[i]!, dense.p, want);
        expectAgree(gs.value.p, gs.value.removalEffects[i]!, dense.p, want);
      });
    });
  }

  it('order 2: Gauss–Seidel agrees with a dense solve', () => {
    const gs = solveChain(buildChain(paths, 2, true), 'gauss_seidel');
    if (!gs.ok) throw new Error('not converged');
    const dense = denseMarkov(rows, 2, true);
    paths.channels.forEach((c, i) => {
      expectAgree(gs.value.p, gs.value.removalEffects[i]!, dense.p, dense.removalEffects[c]!);
    });
  });
});
