// The literal §4.2 iteration, for one system at a time: Gauss–Seidel from lo = 0 and from hi = 1
// on G, stopped when hi(START) − lo(START) ≤ 1e−12·hi(START). The fast solver (gauss-seidel.ts)
// falls back to it when rounding noise elsewhere in the chain hides a tiny x(START).
//
// Why it brackets: T(x)(a) = P(a,CONV) + Σ_{b∈G} P(a,b)·x(b) is monotone with one fixed point x*
// on G (every state of G reaches CONV). From a subsolution (T(l) ≥ l, e.g. 0) Gauss–Seidel rises
// and stays ≤ x*; from a supersolution (T(h) ≤ h, e.g. 1) it falls and stays ≥ x*.

import { err, ok, type Result } from '../../kernel/index.js';
import type { MarkovChain } from './chain.js';

export const TOLERANCE = 1e-12;
export const MAX_SWEEPS = 100_000;

/** x(START) for the system with G mask `inG` (1 = in G) and `removed` states forced to 0. */
export function solveTwoSided(
  chain: MarkovChain,
  inG: Uint8Array,
  maxSweeps = MAX_SWEEPS,
): Result<{ p: number; sweeps: number }, 'markov_not_converged'> {
  const { size, rowPtr, col, prob, toConv } = chain;
  if (!inG[0]) return ok({ p: 0, sweeps: 0 });
  const lo = new Float64Array(size);
  const hi = new Float64Array(size);
  for (let s = 0; s < size; s++) if (inG[s]) hi[s] = 1;
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    for (let a = 0; a < size; a++) {
      if (!inG[a]) continue;
      let l = toConv[a]!;
      let h = l;
      for (let j = rowPtr[a]!; j < rowPtr[a + 1]!; j++) {
        const b = col[j]!;
        l += prob[j]! * lo[b]!; // off G both stay 0
        h += prob[j]! * hi[b]!;
      }
      lo[a] = l;
      hi[a] = h;
    }
    if (hi[0]! - lo[0]! <= TOLERANCE * hi[0]!)
      return ok({ p: (lo[0]! + hi[0]!) / 2, sweeps: sweep });
  }
  return err('markov_not_converged', `Markov solution did not converge in ${maxSweeps} sweeps`);
}
