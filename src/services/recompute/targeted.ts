// A targeted recompute: the deals the records synced since the last recompute affect, with the
// data-driven weights the last full recompute learned; it reports the contacts and companies whose
// influence may have changed, for a targeted write-back.

import type { ModelId } from '../../domain/index.js';
import type { PortalAttributionSummary } from '../totals.js';
import type { BatchExecutor } from './executor.js';
import type { Learned } from './learn.js';
import { Dispatcher, merge, modelTotals, summaryOf, type Run } from './run.js';

export async function targetedRecompute(
  run: Run,
  dealIds: readonly string[],
  learned: ReadonlyMap<ModelId, Learned>,
  executor: BatchExecutor,
): Promise<Omit<PortalAttributionSummary, 'reason' | 'ms'>> {
  const { store, portalId } = run;
  const contacts = new Set<string>();
  const companies = new Set<string>();
  const weights = [...learned];
  const batches = new Dispatcher(executor);
  for (let i = 0; i < dealIds.length; i += run.batchSize) {
    const ids = dealIds.slice(i, i + run.batchSize);
    await batches.submit({ phase: 'both', dealIds: ids, learned: weights }, async (r) => {
      merge(run, r);
      for (const id of r.reached.contacts) contacts.add(id);
      for (const id of r.reached.companies) companies.add(id);
      const live = new Set(r.assembledIds);
      const gone = ids.filter((id) => !live.has(id));
      if (gone.length === 0) return;
      for (const m of (await store.journeyMembers(portalId, gone)).values()) {
        for (const id of m.contacts) contacts.add(id);
        for (const id of m.companies) companies.add(id);
      }
      run.removed += await store.deleteDealResults(portalId, gone);
    });
  }
  await batches.drain();
  return {
    ...summaryOf(
      run,
      'changed',
      modelTotals(run, (model) => {
        const l = learned.get(model);
        return l !== undefined && !l.ok ? l.message : null;
      }),
    ),
    changedDeals: dealIds,
    reached: { contacts: [...contacts], companies: [...companies] },
  };
}
