// A targeted recompute: the deals the records synced since the last recompute affect, with the
// data-driven weights the last full recompute learned; it reports the contacts and companies whose
// influence may have changed, for a targeted write-back.

import type { ModelId } from '../../domain/index.js';
import { portalBasics } from '../deal-loader.js';
import type { ModelTotals, PortalAttributionSummary } from '../totals.js';
import { assembleBatch } from './assemble.js';
import { newTotals, type AttributeContext } from './attribute.js';
import type { Learned } from './learn.js';
import { attribute, contextOf, noteAssembled, noteBatch, summaryOf, type Run } from './run.js';

export async function targetedRecompute(
  run: Run,
  dealIds: readonly string[],
  learned: ReadonlyMap<ModelId, Learned>,
): Promise<Omit<PortalAttributionSummary, 'reason' | 'ms'>> {
  const { store, plan, portalId, at, models } = run;
  const basics = await portalBasics(store, portalId);
  const totals = newTotals(models);
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
  const contacts = new Set<string>();
  const companies = new Set<string>();
  for (let i = 0; i < dealIds.length; i += run.batchSize) {
    const ids = dealIds.slice(i, i + run.batchSize);
    const records = await store.getRecords(portalId, 'deals', ids);
    const batch = await assembleBatch(contextOf(run, basics), records);
    noteAssembled(run, batch);
    for (const id of batch.reached.contacts) contacts.add(id);
    for (const id of batch.reached.companies) companies.add(id);
    const live = new Set(batch.assembled.map((a) => a.dealId));
    const gone = ids.filter((id) => !live.has(id));
    if (gone.length > 0) {
      for (const m of (await store.journeyMembers(portalId, gone)).values()) {
        for (const id of m.contacts) contacts.add(id);
        for (const id of m.companies) companies.add(id);
      }
      run.removed += await store.deleteDealResults(portalId, gone);
    }
    await attribute(run, attributing, batch.assembled);
    noteBatch(run, Math.min(i + run.batchSize, dealIds.length), batch.assembled);
  }
  const modelTotals: ModelTotals[] = models.map((model) => {
    const l = learned.get(model);
    return {
      model,
      revenue: totals.get(model)!.result(),
      unavailable: l !== undefined && !l.ok ? l.message : null,
    };
  });
  return {
    ...summaryOf(run, 'changed', modelTotals),
    changedDeals: dealIds,
    reached: { contacts: [...contacts], companies: [...companies] },
  };
}
