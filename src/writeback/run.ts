// One write-back run for one portal: compute the property values of every attributed deal (under
// the given model) and of the contacts and companies its touches reached, compare each record's
// values with what was last written (content hash in the store's write-back state), and
// batch-update only what changed. A targeted run (`only`, after a targeted recompute) writes just
// the deals it names and the influence of the contacts and companies it names, summed over every
// stored journey that reaches them. A record's state is saved only after HubSpot confirmed it (per
// record, 200/207); failed records are retried once, then reported one by one.
//
// Calls: provisioning is remembered in the store (provision.ts), so a run with nothing changed
// makes no HubSpot call at all; otherwise 6 reads to verify the schema (+ its fixes) and one
// batch call per 100 changed records (+ one per 100 retried).
//
// Self-caused changes: every write bumps the record's last-modified time and fires
// propertyChange webhooks for the attribution_* properties; the sync must not treat them as news.

import { z } from 'zod';
import { channelIdSchema, MODEL_IDS } from '../domain/index.js';
import type { HubSpotApi } from '../hubspot/index.js';
import type { PropertyObjectType } from '../hubspot/index.js';
import { compareIds } from '../kernel/index.js';
import type { Store } from '../store/index.js';
import { chunk, dealPage, influenced, influencePage, writeInfluence, type Run } from './phases.js';
import { ensureSchema, forgetSchema, type Collision } from './provision.js';
import { portalChannels } from './schema.js';
import { InfluenceTally } from './values.js';
import { Writer, type WriteBackFailure, type WriterContext } from './writer.js';

export type { WriteBackFailure } from './writer.js';

export interface WriteBackOptions {
  readonly store: Store;
  readonly api: HubSpotApi;
  readonly portalId: number;
  /** The active model: its stored results are what gets written. */
  readonly model: string;
  /** The portal's channel list (default: portalChannels() — the built-in taxonomy). */
  readonly channels?: readonly string[];
  readonly now?: () => number;
  /** Deals per store page, 1–5000 (default 500). */
  readonly pageSize?: number;
  /**
   * The admin's choice of properties per object type (settings `writeBack`); default all.
   * `attribution_revenue_by_channel` stands for every `attribution_revenue_<channel>` and
   * `attribution_unattributed_revenue`. A property left out is no longer written (its value in
   * HubSpot stays as last written).
   */
  readonly properties?: Partial<Record<PropertyObjectType, readonly string[]>>;
  /** Only these deals, and the influence of only these contacts and companies. */
  readonly only?: WriteBackScope;
}

export interface WriteBackScope {
  readonly deals: readonly string[];
  readonly contacts: readonly string[];
  readonly companies: readonly string[];
}

export interface WriteBackCounts {
  readonly written: number;
  readonly unchanged: number;
  readonly failed: number;
}

export interface WriteBackSummary extends WriteBackCounts {
  /** HubSpot requests this run made (a request the client retried counts once). */
  readonly apiCalls: number;
  /** Of those, batch updates (100 records each but a type's last); the rest verified the schema. */
  readonly updateCalls: number;
  readonly collisions: readonly Collision[];
  readonly failures: readonly WriteBackFailure[];
  readonly byType: Readonly<Record<PropertyObjectType, WriteBackCounts>>;
  /**
   * Stored results without their recompute's journey (the deal left the portal, or the model could
   * not learn at the last recompute): not written.
   */
  readonly skippedDeals: number;
  /** Won deals in another currency without `amount_in_home_currency`: no influenced revenue. */
  readonly unconvertedDeals: number;
  readonly schema: {
    /** False when the remembered schema was used without asking HubSpot. */
    readonly verified: boolean;
    readonly created: readonly string[];
    readonly updated: readonly string[];
  };
}

const ids = z.array(z.string().min(1));
const optionsSchema = z.object({
  portalId: z.number().int().positive(),
  model: z.enum(MODEL_IDS),
  channels: z.array(channelIdSchema).optional(),
  pageSize: z.number().int().min(1).max(5000).optional(),
  properties: z
    .object({
      deals: z.array(z.string()).optional(),
      contacts: z.array(z.string()).optional(),
      companies: z.array(z.string()).optional(),
    })
    .optional(),
  only: z.object({ deals: ids, contacts: ids, companies: ids }).optional(),
});

export async function writeBack(options: WriteBackOptions): Promise<WriteBackSummary> {
  const checked = optionsSchema.safeParse(options);
  if (!checked.success) {
    const i = checked.error.issues[0]!;
    throw new RangeError(`writeBack options.${i.path.join('.')}: ${i.message}`);
  }
  const { store, portalId } = options;
  const now = options.now ?? Date.now;
  const counted = countingApi(options.api);
  const api = counted.api;
  const portal = await store.getPortal(portalId);
  if (portal === undefined) throw new Error(`writeBack: portal ${portalId} is not in the store`);

  const schema = await ensureSchema({
    store,
    api,
    portalId,
    channels: options.channels ?? portalChannels(),
    now,
  });
  const ctx: WriterContext = { store, api, portalId, now, failures: [], schemaInvalid: false };
  const run: Run = {
    options,
    store,
    api,
    portalId,
    now,
    pageSize: options.pageSize ?? 500,
    ctx,
    writers: {
      deals: new Writer(ctx, 'deals'),
      contacts: new Writer(ctx, 'contacts'),
      companies: new Writer(ctx, 'companies'),
    },
    schema,
    verified: schema.verified,
    collisions: [...schema.collisions],
    created: [...schema.created],
    updated: [...schema.updated],
    skippedDeals: 0,
    unconvertedDeals: 0,
  };

  const only = options.only;
  // Full: one pass over every deal writes it and sums its influence. Targeted: the named deals,
  // then the influence of the named contacts and companies from every journey reaching them.
  const tally = new InfluenceTally(portal.currency);
  if (only === undefined) {
    let after: string | undefined;
    for (;;) {
      const page = await store.listAttributions(portalId, {
        model: options.model,
        limit: run.pageSize,
        ...(after === undefined ? {} : { afterDealId: after }),
      });
      if (page.length === 0) break;
      after = page.at(-1)!.dealId;
      await dealPage(run, page, tally, true);
      if (page.length < run.pageSize) break;
    }
  } else {
    for (const part of chunk([...new Set(only.deals)].sort(compareIds), run.pageSize)) {
      const page = [...(await store.attributionsOf(portalId, options.model, part)).values()];
      await dealPage(run, page, tally, false);
    }
    const reaching = new Set([
      ...(await store.dealsReaching(portalId, 'contacts', only.contacts)),
      ...(await store.dealsReaching(portalId, 'companies', only.companies)),
    ]);
    for (const part of chunk([...reaching].sort(compareIds), run.pageSize)) {
      const page = [...(await store.attributionsOf(portalId, options.model, part)).values()];
      await influencePage(run, page, tally);
    }
  }
  await run.writers.deals.finish();

  for (const kind of ['contacts', 'companies'] as const) {
    const targets =
      only === undefined ? await influenced(run, kind, tally) : [...new Set(only[kind])];
    await writeInfluence(run, kind, targets.sort(compareIds), tally);
    await run.writers[kind].finish();
  }

  if (ctx.schemaInvalid) await forgetSchema(store, portalId, now());
  const counts = (t: PropertyObjectType): WriteBackCounts => ({
    ...run.writers[t].counts(),
    failed: ctx.failures.filter((f) => f.objectType === t).length,
  });
  const byType = {
    deals: counts('deals'),
    contacts: counts('contacts'),
    companies: counts('companies'),
  };
  return {
    written: byType.deals.written + byType.contacts.written + byType.companies.written,
    unchanged: byType.deals.unchanged + byType.contacts.unchanged + byType.companies.unchanged,
    failed: ctx.failures.length,
    apiCalls: counted.calls(),
    updateCalls:
      run.writers.deals.batches() +
      run.writers.contacts.batches() +
      run.writers.companies.batches(),
    collisions: run.collisions,
    failures: ctx.failures,
    byType,
    skippedDeals: run.skippedDeals,
    unconvertedDeals: run.unconvertedDeals,
    schema: { verified: run.verified, created: run.created, updated: run.updated },
  };
}

function countingApi(inner: HubSpotApi): { api: HubSpotApi; calls: () => number } {
  let calls = 0;
  return {
    api: {
      request(req) {
        calls++;
        return inner.request(req);
      },
      stats: () => inner.stats(),
    },
    calls: () => calls,
  };
}
