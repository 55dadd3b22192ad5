// Markov removal effect (ATTRIBUTION.md §4.2; Anderl et al. 2016), orders 1–4, with or without
// nulls, solved exactly: the order-1 shortcut (one inversion) or the bracketed sparse solver.
// The chain, the state order and the solvers live in ../markov/.

import { z } from 'zod';
import { buildChain, type MarkovChain } from '../markov/chain.js';
import { defaultMethod, solveChain, type SolveMethod } from '../markov/solve.js';
import type { PathSet } from '../paths/path-set.js';
import { err, ok, type Result } from '../../kernel/index.js';
import {
  modelText,
  type ChannelCredit,
  type DataDrivenModel,
  type LearnedModel,
  type LearnError,
} from './model.js';

export const markovOptions = z.strictObject({
  order: z
    .int({ error: 'order must be an integer from 1 to 4' })
    .min(1, { error: 'order must be ≥ 1' })
    .max(4, { error: 'order must be ≤ 4' })
    .default(1),
  useNulls: z.boolean({ error: 'useNulls must be true or false' }).default(true),
});
export type MarkovOptions = z.infer<typeof markovOptions>;

/** Labels of the order-1 transition matrix: START, the channels (code-unit order), CONV, NULL. */
export interface TransitionMatrix {
  readonly labels: readonly string[];
  /** rows[i][j] = P(labels[i] → labels[j]); the CONV and NULL rows are all 0 (absorbing). */
  readonly rows: readonly (readonly number[])[];
}

export interface MarkovDetails {
  readonly order: number;
  readonly useNulls: boolean;
  readonly p: number;
  /** Channel names in code-unit order, with their removal effect. */
  readonly removalEffects: readonly { readonly channel: string; readonly removalEffect: number }[];
  /** Order 1 only. */
  readonly transitions?: TransitionMatrix;
  /** Transient states (START included) and transitions between them, for diagnostics. */
  readonly states: number;
  readonly edges: number;
  readonly method: SolveMethod;
}

/** p, RE per channel and (order 1) P: for tests, the CLI and explanations. */
export function markovDetails(
  paths: PathSet,
  options: MarkovOptions,
  method?: SolveMethod,
): Result<MarkovDetails, LearnError> {
  if (!(paths.totalConversions > 0)) return noConversions();
  const chain = buildChain(paths, options.order, options.useNulls);
  const solved = solveChain(chain, method ?? defaultMethod(chain));
  if (!solved.ok) return solved;
  const { p, removalEffects } = solved.value;
  if (!(p > 0)) return noConversions();
  return ok({
    order: options.order,
    useNulls: options.useNulls,
    p,
    removalEffects: paths.channels.map((channel, c) => ({
      channel,
      removalEffect: removalEffects[c]!,
    })),
    ...(options.order === 1 ? { transitions: transitionMatrix(chain) } : {}),
    states: chain.size,
    edges: chain.col.length,
    method: solved.value.method,
  });
}

function learn(paths: PathSet, options: MarkovOptions): Result<LearnedModel, LearnError> {
  const details = markovDetails(paths, options);
  if (!details.ok) return details;
  const { p, removalEffects } = details.value;
  let sum = 0;
  for (const { removalEffect } of removalEffects) sum += removalEffect;
  // p > 0 implies a converting path, and removing the channel of its first state loses it.
  if (!(sum > 0)) throw new Error('markov: p > 0 but every removal effect is 0');
  const cTot = paths.totalConversions;
  const vTot = paths.totalValue;
  const channels: ChannelCredit[] = removalEffects.map(({ channel, removalEffect }) => ({
    channel,
    conversions: (removalEffect / sum) * cTot,
    value: (removalEffect / sum) * vTot,
    removalEffect,
  }));
  const warnings: string[] = [];
  if (options.useNulls && paths.totalNulls === 0) {
    warnings.push(
      'all nulls are 0: every path converts, so p = 1 and credit follows path structure',
    );
  }
  if (!options.useNulls) {
    warnings.push('nulls ignored: p = 1 and removal effects measure path structure only');
  }
  if (paths.unattributed.rows > 0) {
    warnings.push(`${paths.unattributed.rows} empty path(s) excluded from the totals`);
  }
  return ok({
    model: 'markov',
    channels,
    totalConversions: cTot,
    totalValue: vTot,
    conversionProbability: p,
    order: options.order,
    useNulls: options.useNulls,
    warnings,
  });
}

function transitionMatrix(chain: MarkovChain): TransitionMatrix {
  const c = chain.channels.length;
  const n = c + 3;
  const rows = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const at = (s: number) => (s === 0 ? 0 : 1 + chain.tuples[s]!);
  for (let s = 0; s < chain.size; s++) {
    const row = rows[at(s)]!;
    for (let j = chain.rowPtr[s]!; j < chain.rowPtr[s + 1]!; j++) {
      row[at(chain.col[j]!)] = chain.prob[j]!;
    }
    row[c + 1] = chain.toConv[s]!;
    row[c + 2] = chain.toNull[s]!;
  }
  return { labels: ['START', ...chain.channels, 'CONV', 'NULL'], rows };
}

const noConversions = () =>
  err('no_conversions', 'Markov needs at least one conversion (C_tot = 0 or p = 0)');

export const markov: DataDrivenModel<MarkovOptions> = Object.freeze({
  kind: 'data_driven',
  id: 'markov',
  version: 1,
  ...modelText('markov'),
  options: markovOptions,
  learn,
});
