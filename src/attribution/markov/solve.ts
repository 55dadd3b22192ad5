// p and the removal effect of every channel (§4.2), by the order-1 shortcut when it applies and
// by the exact sparse solver otherwise.

import { ok, type Result } from '../../kernel/index.js';
import type { MarkovChain } from './chain.js';
import { solveBracketed } from './gauss-seidel.js';
import { ORDER_ONE_LIMIT, solveOrderOne } from './order-one.js';
import { Reach, transpose } from './removal.js';
import { timeBound } from './time-bound.js';

export type SolveMethod = 'order_one' | 'gauss_seidel';

export interface MarkovSolution {
  readonly p: number;
  /** RE per channel id of chain.channels, clamped to [0, 1]. */
  readonly removalEffects: Float64Array;
  readonly method: SolveMethod;
}

/** The method §4.2 prescribes: the shortcut for order 1 while |T| ≤ 500. */
export function defaultMethod(chain: MarkovChain): SolveMethod {
  return chain.order === 1 && chain.channels.length + 1 <= ORDER_ONE_LIMIT
    ? 'order_one'
    : 'gauss_seidel';
}

export function solveChain(
  chain: MarkovChain,
  method: SolveMethod = defaultMethod(chain),
  extrapolate = true,
): Result<MarkovSolution, 'markov_not_converged'> {
  if (method === 'order_one') return ok({ ...solveOrderOne(chain), method });
  const reach = new Reach(chain, transpose(chain));
  const removalEffects = new Float64Array(chain.channels.length);
  const inG = reach.inG(-1);
  if (!inG[0]) return ok({ p: 0, removalEffects, method });
  const time = timeBound(chain);
  if (!time.ok) return time;
  const full = solveBracketed(chain, [{ removed: -1, inG }], {
    time: time.value,
    keepSolution: true,
    extrapolate,
  });
  if (!full.ok) return full;
  const p = full.value.p[0]!;
  if (p === 0) return ok({ p, removalEffects, method });
  // A channel none of whose states is in G leaves the system on G unchanged: p_c = p, RE = 0
  // exactly (solving it would only add rounding noise).
  const touchesG = new Uint8Array(chain.channels.length);
  const { size, order, tuples, lengths } = chain;
  for (let s = 1; s < size; s++) {
    if (!inG[s]) continue;
    for (let i = 0; i < lengths[s]!; i++) touchesG[tuples[s * order + i]!] = 1;
  }
  const channels: number[] = [];
  const systems = [];
  for (let c = 0; c < chain.channels.length; c++) {
    if (!touchesG[c]) continue;
    channels.push(c);
    systems.push({ removed: c, inG: reach.inG(c) });
  }
  // Removing states only lowers x, and any start is valid: the full solution is a close one.
  const start = full.value.solution[0];
  const removed = solveBracketed(chain, systems, {
    time: time.value,
    extrapolate,
    ...(start ? { start } : {}),
  });
  if (!removed.ok) return removed;
  channels.forEach((c, i) => {
    const re = 1 - removed.value.p[i]! / p;
    removalEffects[c] = Math.min(1, Math.max(0, re));
  });
  return ok({ p, removalEffects, method });
}
