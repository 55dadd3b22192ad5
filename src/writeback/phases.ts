// The phases of a write-back run (run.ts): deal pages (values offered, influence summed), the
// influence pages of a targeted run, and the contacts and companies whose influence is written.

import type { HubSpotApi, PropertyObjectType } from '../hubspot/index.js';
import type { AttributionRecord, Store } from '../store/index.js';
import { loadDealContext } from './deal-context.js';
import { chosen, pick, prepareDeal } from './prepare.js';
import { ensureSchema, type Collision, type EnsuredSchema } from './provision.js';
import type { WriteBackOptions } from './run.js';
import { InfluenceTally } from './values.js';
import type { Writer, WriterContext } from './writer.js';

/** One run's state, shared by its phases. */
export interface Run {
  readonly options: WriteBackOptions;
  readonly store: Store;
  readonly api: HubSpotApi;
  readonly portalId: number;
  readonly now: () => number;
  readonly pageSize: number;
  readonly ctx: WriterContext;
  readonly writers: Record<PropertyObjectType, Writer>;
  schema: EnsuredSchema;
  verified: boolean;
  readonly collisions: Collision[];
  readonly created: string[];
  readonly updated: string[];
  skippedDeals: number;
  unconvertedDeals: number;
}

/** One page of results: each deal's values offered for writing, and (full run) its influence. */
export async function dealPage(
  run: Run,
  page: readonly AttributionRecord[],
  tally: InfluenceTally,
  sumInfluence: boolean,
): Promise<void> {
  if (page.length === 0) return;
  const { store, portalId, ctx } = run;
  const deal = await loadDealContext(store, portalId, page);
  await provisionChannels(run, deal.channels);
  const states = await store.writebackStates(
    portalId,
    'deals',
    page.map((r) => r.dealId),
  );
  const writable = chosen(run.schema.writable.deals, run.options.properties?.deals);
  for (const record of page) {
    const fail = (reason: string, message: string): void => {
      ctx.failures.push({ objectType: 'deals', id: record.dealId, reason, message });
    };
    const prepared = prepareDeal(record, deal, run.schema.channels);
    if (prepared.kind === 'skip') {
      run.skippedDeals++;
      continue;
    }
    if (prepared.kind === 'fail') {
      fail(prepared.reason, prepared.message);
      continue;
    }
    if (sumInfluence) {
      const influence = tally.addDeal(prepared.influence);
      if (!influence.ok) {
        fail(influence.error, influence.message);
        continue;
      }
    }
    if (prepared.unconverted) run.unconvertedDeals++;
    await run.writers.deals.offer(
      record.dealId,
      pick(prepared.values, writable),
      states.get(record.dealId)?.hash,
    );
  }
}

/** One page of deals reaching the targeted contacts and companies: their influence summed. */
export async function influencePage(
  run: Run,
  page: readonly AttributionRecord[],
  tally: InfluenceTally,
): Promise<void> {
  if (page.length === 0) return;
  const deal = await loadDealContext(run.store, run.portalId, page);
  for (const record of page) {
    const prepared = prepareDeal(record, deal, run.schema.channels);
    if (prepared.kind !== 'ok') continue; // reported when the deal itself is written
    tally.addDeal(prepared.influence);
  }
}

/** A channel met in the data but not provisioned yet (touches classified by newer rules). */
async function provisionChannels(run: Run, channels: ReadonlySet<string>): Promise<void> {
  const unseen = [...channels].filter((c) => !run.schema.channels.includes(c));
  if (unseen.length === 0) return;
  run.schema = await ensureSchema({
    store: run.store,
    api: run.api,
    portalId: run.portalId,
    channels: [...run.schema.channels, ...unseen],
    now: run.now,
  });
  for (const c of run.schema.collisions)
    if (!run.collisions.some((k) => k.objectType === c.objectType && k.name === c.name))
      run.collisions.push(c);
  run.verified ||= run.schema.verified;
  run.created.push(...run.schema.created);
  run.updated.push(...run.schema.updated);
}

/** A full run's contacts or companies: those with influence now, and those written before. */
export async function influenced(
  run: Run,
  kind: 'contacts' | 'companies',
  tally: InfluenceTally,
): Promise<string[]> {
  const ids = new Set(tally.ids(kind));
  let after: string | undefined;
  for (;;) {
    const page = await run.store.listWrittenIds(run.portalId, kind, {
      limit: 5000,
      ...(after === undefined ? {} : { after }),
    });
    for (const id of page) ids.add(id);
    if (page.length < 5000) break;
    after = page.at(-1);
  }
  return [...ids];
}

/** Offers each live contact's or company's values; a never-written, empty one is left alone. */
export async function writeInfluence(
  run: Run,
  kind: 'contacts' | 'companies',
  ids: readonly string[],
  tally: InfluenceTally,
): Promise<void> {
  const writable = chosen(run.schema.writable[kind], run.options.properties?.[kind]);
  for (const part of chunk(ids, run.pageSize)) {
    // Deleted (archived) records are not written: HubSpot would answer 404.
    const live = (await run.store.getRecords(run.portalId, kind, part, { history: false }))
      .filter((r) => !r.archived)
      .map((r) => r.id);
    const states = await run.store.writebackStates(run.portalId, kind, live);
    for (const id of live) {
      const values = pick(tally.values(kind, id), writable);
      const state = states.get(id);
      // Never written and nothing to say: no write (a portal's untouched contacts stay as they are).
      if (state === undefined && InfluenceTally.isEmpty(values)) continue;
      await run.writers[kind].offer(id, values, state?.hash);
    }
  }
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
