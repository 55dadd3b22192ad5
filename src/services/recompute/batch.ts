// One batch of a recompute, as a job that runs the same on the recompute's own thread or in a
// worker thread (executor.ts): the deals' ids in, everything the run needs to add up out (counts,
// won revenue, problems, what the batch held), the read model stored on the way.

import type { ModelId } from '../../domain/index.js';
import { readStoredJourney } from '../../read-model/index.js';
import type { Store } from '../../store/index.js';
import type { PortalBasics } from '../deal-loader.js';
import type { DataProblem } from '../deal-records.js';
import type { EnginePlan } from '../engine-plan.js';
import type { CurrencyTotals } from '../totals.js';
import { assembleBatch, type Assembled } from './assemble.js';
import { attributeBatch, emptyCounts, newTotals, type AttributeCounts } from './attribute.js';
import type { Learned } from './learn.js';

/** What a recompute's batches share. */
export interface BatchEnv {
  readonly store: Store;
  readonly plan: EnginePlan;
  readonly portalId: number;
  readonly at: number;
  /** The active model first, then the comparison models. */
  readonly models: readonly ModelId[];
  readonly basics: PortalBasics;
}

/**
 * `assemble`: load, assemble and store these deals' journeys. `attribute`: attribute the stored
 * journeys of these deals. `both`: the two in one go (no data-driven model to learn in between).
 */
export interface BatchJob {
  readonly phase: 'assemble' | 'attribute' | 'both';
  readonly dealIds: readonly string[];
  /** The data-driven models' weights (attribute and both). */
  readonly learned: readonly (readonly [ModelId, Learned])[];
}

export interface BatchResult {
  /** The deals whose journey this batch has (loaded, or read back stored). */
  readonly assembledIds: readonly string[];
  readonly journeysSaved: number;
  readonly problems: readonly DataProblem[];
  /** Contacts and companies of the changed journeys, before and after. */
  readonly reached: { readonly contacts: readonly string[]; readonly companies: readonly string[] };
  readonly counts: AttributeCounts;
  /** Won revenue per model. */
  readonly totals: readonly (readonly [ModelId, readonly CurrencyTotals[]])[];
  readonly held: { readonly deals: number; readonly touches: number };
  readonly assembleMs: number;
  readonly attributeMs: number;
}

export async function runBatch(env: BatchEnv, job: BatchJob): Promise<BatchResult> {
  const { store, plan, portalId, at, models } = env;
  let docs: readonly Assembled[] = [];
  let journeysSaved = 0;
  let problems: readonly DataProblem[] = [];
  let reached = { contacts: [] as string[], companies: [] as string[] };
  const t0 = performance.now();
  if (job.phase === 'attribute') {
    const stored = await store.dealJourneys(portalId, job.dealIds);
    const read: Assembled[] = [];
    for (const id of job.dealIds) {
      const record = stored.get(id);
      if (record === undefined) continue; // removed since it was listed
      const r = readStoredJourney(record);
      if (!r.ok) throw new Error(r.message);
      read.push({ dealId: id, doc: r.value, computedAt: record.computedAt, hash: record.hash });
    }
    docs = read;
  } else {
    const records = await store.getRecords(portalId, 'deals', job.dealIds);
    const batch = await assembleBatch({ store, plan, portalId, at, basics: env.basics }, records);
    docs = batch.assembled;
    journeysSaved = batch.saved;
    problems = batch.problems;
    reached = { contacts: [...batch.reached.contacts], companies: [...batch.reached.companies] };
  }
  const t1 = performance.now();
  const counts = emptyCounts();
  const totals = newTotals(models);
  if (job.phase !== 'assemble') {
    await attributeBatch(
      { store, plan, portalId, at, models, learned: new Map(job.learned), totals, counts },
      docs,
    );
  }
  let touches = 0;
  for (const d of docs) touches += d.doc.journey.touches.length;
  return {
    assembledIds: docs.map((d) => d.dealId),
    journeysSaved,
    problems,
    reached,
    counts,
    totals: [...totals].map(([model, t]) => [model, t.result()] as const),
    held: { deals: docs.length, touches },
    assembleMs: t1 - t0,
    attributeMs: performance.now() - t1,
  };
}
