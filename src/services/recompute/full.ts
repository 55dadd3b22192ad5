// A full recompute: every deal of the portal, in key-ordered batches. With a data-driven model the
// deals are walked twice — assembled and stored, then (after learning from the stored paths)
// attributed from the stored journeys — else once. Deals gone from the portal lose their read
// model on the way.

import { isDataDriven, type DataDrivenModelId, type ModelId } from '../../domain/index.js';
import { readStoredJourney } from '../../read-model/index.js';
import { portalBasics } from '../deal-loader.js';
import type { ModelTotals, PortalAttributionSummary } from '../totals.js';
import type { Assembled } from './assemble.js';
import { newTotals, type AttributeContext } from './attribute.js';
import { learnFromCounts, type Learned } from './learn.js';
import { addProblem, assemble, attribute, noteBatch, summaryOf, type Run } from './run.js';

export async function fullRecompute(
  run: Run,
  dataDriven: readonly DataDrivenModelId[],
): Promise<Omit<PortalAttributionSummary, 'reason' | 'ms'>> {
  const { store, plan, portalId, at, models } = run;
  const basics = await portalBasics(store, portalId);
  for (const p of basics.problems) addProblem(run, p);
  const totals = newTotals(models);
  // Without a data-driven model, each batch is attributed as soon as it is assembled.
  const fused = dataDriven.length === 0;
  const learned = new Map<ModelId, Learned>();
  const attributing: AttributeContext = {
    store,
    plan,
    portalId,
    at,
    models,
    learned,
    totals,
    counts: run.counts,
  };
  let previous: string | undefined;
  let done = 0;
  for await (const records of store.iterateRecords(portalId, 'deals', {
    pageSize: run.batchSize,
    includeArchived: true,
  })) {
    const assembled = await assemble(run, basics, records);
    await removeGone(run, assembled, previous, records.at(-1)!.id);
    previous = records.at(-1)!.id;
    if (fused) await attribute(run, attributing, assembled);
    done += assembled.length;
    noteBatch(run, done, assembled);
  }
  await removeGone(run, [], previous, undefined);

  if (!fused) {
    const t0 = performance.now();
    for (const [model, l] of await learnFromCounts(store, plan, portalId, dataDriven, at))
      learned.set(model, l);
    run.learnMs += performance.now() - t0;
    let after: string | undefined;
    done = 0;
    for (;;) {
      const page = await store.listDealJourneys(portalId, {
        limit: run.batchSize,
        ...(after === undefined ? {} : { afterDealId: after }),
      });
      if (page.length === 0) break;
      after = page.at(-1)!.dealId;
      const docs: Assembled[] = [];
      for (const record of page) {
        const r = readStoredJourney(record);
        if (!r.ok) throw new Error(r.message);
        docs.push({
          dealId: record.dealId,
          doc: r.value,
          computedAt: record.computedAt,
          hash: record.hash,
        });
      }
      await attribute(run, attributing, docs);
      done += docs.length;
      noteBatch(run, done, docs);
      if (page.length < run.batchSize) break;
    }
  }
  const withResults = models.filter((m) => !isDataDriven(m) || learned.get(m)?.ok === true);
  await store.pruneModels(portalId, withResults, models);

  const modelTotals: ModelTotals[] = models.map((model) => {
    const l = learned.get(model);
    return {
      model,
      revenue: totals.get(model)!.result(),
      unavailable: l !== undefined && !l.ok ? l.message : null,
    };
  });
  return summaryOf(run, 'portal', modelTotals);
}

/**
 * Deletes the stored read model of deals gone from the portal: the stored journeys after
 * `previous` and up to `last` (the batch's key range; to the end when undefined) that this batch
 * did not assemble. Batches come in key order, so every stored deal is looked at once.
 */
async function removeGone(
  run: Run,
  assembled: readonly Assembled[],
  previous: string | undefined,
  last: string | undefined,
): Promise<void> {
  const live = new Set(assembled.map((a) => a.dealId));
  let after = previous;
  for (;;) {
    const stamps = await run.store.listDealJourneyStamps(run.portalId, {
      limit: 5000,
      ...(after === undefined ? {} : { afterDealId: after }),
      ...(last === undefined ? {} : { throughDealId: last }),
    });
    const gone = stamps.map((s) => s.dealId).filter((id) => !live.has(id));
    if (gone.length > 0) run.removed += await run.store.deleteDealResults(run.portalId, gone);
    if (stamps.length < 5000) return;
    after = stamps.at(-1)!.dealId;
  }
}
