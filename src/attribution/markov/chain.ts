// The absorbing Markov chain of §4.2, built from a PathSet in one pass over its touches: by
// chain-dense.ts when states × channels fit its dense rows, else by chain-general.ts (the same
// chain, bit for bit).
//
// Transient states are numbered canonically: 0 = START, then the k-gram states in key order
// (kgrams.ts). Transitions between transient states are a CSR matrix with ascending columns, so
// every sum over a row runs in the canonical order and results are bit-identical for any input row
// order (the PathSet's rows are already canonical, and counts are summed in row order).

import type { PathSet } from '../paths/path-set.js';
import { buildDense } from './chain-dense.js';
import { buildGeneral } from './chain-general.js';

export interface MarkovChain {
  readonly order: number;
  readonly useNulls: boolean;
  /** Channel names of the PathSet (code-unit order); tuples hold indices into it. */
  readonly channels: readonly string[];
  /** Number of transient states including START (index 0). */
  readonly size: number;
  /** State s's tuple is tuples[s·order .. s·order + lengths[s]) (START: length 0). */
  readonly tuples: Int32Array;
  readonly lengths: Uint8Array;
  /** P between transient states: row s is col/prob[rowPtr[s] .. rowPtr[s + 1]), columns ascending. */
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
  readonly prob: Float64Array;
  /** P(s, CONV) and P(s, NULL). */
  readonly toConv: Float64Array;
  readonly toNull: Float64Array;
}

export function buildChain(paths: PathSet, order: number, useNulls: boolean): MarkovChain {
  return buildDense(paths, order, useNulls) ?? buildGeneral(paths, order, useNulls);
}
