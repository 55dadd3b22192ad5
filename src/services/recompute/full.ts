// A full recompute: every deal of the portal, in key-ordered batches. With a data-driven model the
// deals are walked twice — assembled and stored, then (after learning from the stored paths)
// attributed from the stored journeys — else once. Deals gone from the portal lose their read
// model on the way: each batch's key range is compared with the stored journeys in it.

import { isDataDriven, type DataDrivenModelId, type ModelId } from '../../domain/index.js';
import type { PortalAttributionSummary } from '../totals.js';
import type { BatchExecutor } from './executor.js';
import { learnFromCounts, type Learned } from './learn.js';
import { Dispatcher, merge, modelTotals, summaryOf, type Run } from './run.js';

export async function fullRecompute(
  run: Run,
  dataDriven: readonly DataDrivenModelId[],
  executor: BatchExecutor,
): Promise<Omit<PortalAttributionSummary, 'reason' | 'ms'>> {
  const { store, plan, portalId, at, models } = run;
  // Without a data-driven model, each batch is attributed as soon as it is assembled.
  const fused = dataDriven.length === 0;
  const learned = new Map<ModelId, Learned>();

  const walk = new Dispatcher(executor);
  let previous: string | undefined;
  for (;;) {
    const ids = await store.listRecordIds(portalId, 'deals', {
      limit: run.batchSize,
      includeArchived: true,
      ...(previous === undefined ? {} : { after: previous }),
    });
    if (ids.length === 0) break;
    const from = previous;
    const through = ids.at(-1)!;
    previous = through;
    await walk.submit({ phase: fused ? 'both' : 'assemble', dealIds: ids, learned: [] }, (r) => {
      merge(run, r);
      return removeGone(run, r.assembledIds, from, through);
    });
    if (ids.length < run.batchSize) break;
  }
  await walk.drain();
  await removeGone(run, [], previous, undefined);

  if (!fused) {
    const t0 = performance.now();
    for (const [model, l] of await learnFromCounts(store, plan, portalId, dataDriven, at))
      learned.set(model, l);
    run.learnMs += performance.now() - t0;
    const weights = [...learned];
    const second = new Dispatcher(executor);
    let after: string | undefined;
    for (;;) {
      const stamps = await store.listDealJourneyStamps(portalId, {
        limit: run.batchSize,
        ...(after === undefined ? {} : { afterDealId: after }),
      });
      if (stamps.length === 0) break;
      after = stamps.at(-1)!.dealId;
      const job = {
        phase: 'attribute' as const,
        dealIds: stamps.map((s) => s.dealId),
        learned: weights,
      };
      await second.submit(job, (r) => {
        merge(run, r);
      });
      if (stamps.length < run.batchSize) break;
    }
    await second.drain();
  }
  const withResults = models.filter((m) => !isDataDriven(m) || learned.get(m)?.ok === true);
  await store.pruneModels(portalId, withResults, models);
  return summaryOf(
    run,
    'portal',
    modelTotals(run, (model) => {
      const l = learned.get(model);
      return l !== undefined && !l.ok ? l.message : null;
    }),
  );
}

/**
 * Deletes the stored read model of deals gone from the portal: the stored journeys after `from`
 * and up to `through` (a batch's key range; to the end when undefined) that the batch did not
 * assemble.
 */
async function removeGone(
  run: Run,
  assembled: readonly string[],
  from: string | undefined,
  through: string | undefined,
): Promise<void> {
  const live = new Set(assembled);
  let after = from;
  for (;;) {
    const stamps = await run.store.listDealJourneyStamps(run.portalId, {
      limit: 5000,
      ...(after === undefined ? {} : { afterDealId: after }),
      ...(through === undefined ? {} : { throughDealId: through }),
    });
    const gone = stamps.map((s) => s.dealId).filter((id) => !live.has(id));
    if (gone.length > 0) run.removed += await run.store.deleteDealResults(run.portalId, gone);
    if (stamps.length < 5000) return;
    after = stamps.at(-1)!.dealId;
  }
}
