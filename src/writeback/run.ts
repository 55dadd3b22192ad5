// One write-back run for one portal: compute the property values of every attributed deal (under
// the given model) and of the contacts and companies its touches reached, compare each record's
// values with what was last written (content hash in the store's write-back state), and
// batch-update only what changed. A record's state is saved only after HubSpot confirmed it (per
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
import type { AttributionRecord, Store } from '../store/index.js';
import { loadDealContext, type DealContext } from './deal-context.js';
import { ensureSchema, forgetSchema, type Collision } from './provision.js';
import { portalChannels } from './schema.js';
import { dealValues, InfluenceTally, type InfluenceDeal, type PropertyValues } from './values.js';
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
}

export interface WriteBackCounts {
  readonly written: number;
  readonly unchanged: number;
  readonly failed: number;
}

export interface WriteBackSummary extends WriteBackCounts {
  /** HubSpot requests this run made (a request the client retried counts once). */
  readonly apiCalls: number;
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
});

const REVENUE_FAMILY = 'attribution_revenue_by_channel';

/** The writable properties the admin chose to write (all when no choice was given). */
function chosen(
  writable: readonly string[],
  choice: readonly string[] | undefined,
): readonly string[] {
  if (choice === undefined) return writable;
  const set = new Set(choice);
  const family = set.has(REVENUE_FAMILY);
  return writable.filter(
    (n) =>
      set.has(n) ||
      (family &&
        (n.startsWith('attribution_revenue_') || n === 'attribution_unattributed_revenue')),
  );
}

// The engine's type, checked at the store boundary (the store only checks dealId and model).
const attributionSchema = z.object({
  status: z.enum(['attributed', 'unattributed']),
  dealId: z.string(),
  model: z.string(),
  amount: z.object({ cents: z.number().int(), currency: z.string().min(3) }),
  credits: z.array(
    z.object({
      touchId: z.string(),
      index: z.number().int(),
      fraction: z.number(),
      cents: z.number().int(),
      roles: z.array(z.string()),
    }),
  ),
  unattributedCents: z.number().int(),
});

export async function writeBack(options: WriteBackOptions): Promise<WriteBackSummary> {
  const checked = optionsSchema.safeParse(options);
  if (!checked.success) {
    const i = checked.error.issues[0]!;
    throw new RangeError(`writeBack options.${i.path.join('.')}: ${i.message}`);
  }
  const { store, portalId, model } = options;
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? 500;
  const counted = countingApi(options.api);
  const api = counted.api;
  const portal = await store.getPortal(portalId);
  if (portal === undefined) throw new Error(`writeBack: portal ${portalId} is not in the store`);

  let schema = await ensureSchema({
    store,
    api,
    portalId,
    channels: options.channels ?? portalChannels(),
    now,
  });
  let verified = schema.verified;
  const collisions = [...schema.collisions];
  const created = [...schema.created];
  const updated = [...schema.updated];
  const run: WriterContext = { store, api, portalId, now, failures: [], schemaInvalid: false };
  const writers = {
    deals: new Writer(run, 'deals'),
    contacts: new Writer(run, 'contacts'),
    companies: new Writer(run, 'companies'),
  };
  const tally = new InfluenceTally(portal.currency);
  let skippedDeals = 0;
  let unconvertedDeals = 0;

  let after: string | undefined;
  for (;;) {
    const page = await store.listAttributions(portalId, {
      model,
      limit: pageSize,
      ...(after === undefined ? {} : { afterDealId: after }),
    });
    if (page.length === 0) break;
    after = page.at(-1)!.dealId;
    const ctx = await loadDealContext(store, portalId, page);
    // A channel met in the data but not provisioned yet (touches classified by older rules).
    const unseen = [...ctx.channels].filter((c) => !schema.channels.includes(c));
    if (unseen.length > 0) {
      schema = await ensureSchema({
        store,
        api,
        portalId,
        channels: [...schema.channels, ...unseen],
        now,
      });
      for (const c of schema.collisions)
        if (!collisions.some((k) => k.objectType === c.objectType && k.name === c.name))
          collisions.push(c);
      verified ||= schema.verified;
      created.push(...schema.created);
      updated.push(...schema.updated);
    }
    const states = await store.writebackStates(
      portalId,
      'deals',
      page.map((r) => r.dealId),
    );
    for (const record of page) {
      const fail = (reason: string, message: string): void => {
        run.failures.push({ objectType: 'deals', id: record.dealId, reason, message });
      };
      const prepared = prepareDeal(record, ctx, schema.channels);
      if (prepared.kind === 'skip') {
        skippedDeals++;
        continue;
      }
      if (prepared.kind === 'fail') {
        fail(prepared.reason, prepared.message);
        continue;
      }
      const influence = tally.addDeal(prepared.influence);
      if (!influence.ok) {
        fail(influence.error, influence.message);
        continue;
      }
      if (prepared.unconverted) unconvertedDeals++;
      await writers.deals.offer(
        record.dealId,
        pick(prepared.values, chosen(schema.writable.deals, options.properties?.deals)),
        states.get(record.dealId)?.hash,
      );
    }
    if (page.length < pageSize) break;
  }
  await writers.deals.finish();

  for (const kind of ['contacts', 'companies'] as const) {
    const writable = chosen(schema.writable[kind], options.properties?.[kind]);
    for await (const page of store.iterateRecords(portalId, kind, { pageSize })) {
      const states = await store.writebackStates(
        portalId,
        kind,
        page.map((r) => r.id),
      );
      for (const { id } of page) {
        const values = pick(tally.values(kind, id), writable);
        const state = states.get(id);
        // Never written and nothing to say: no write (a portal's untouched contacts stay as they are).
        if (state === undefined && InfluenceTally.isEmpty(values)) continue;
        await writers[kind].offer(id, values, state?.hash);
      }
    }
    await writers[kind].finish();
  }

  if (run.schemaInvalid) await forgetSchema(store, portalId, now());
  const counts = (t: PropertyObjectType): WriteBackCounts => ({
    ...writers[t].counts(),
    failed: run.failures.filter((f) => f.objectType === t).length,
  });
  const byType = {
    deals: counts('deals'),
    contacts: counts('contacts'),
    companies: counts('companies'),
  };
  return {
    written: byType.deals.written + byType.contacts.written + byType.companies.written,
    unchanged: byType.deals.unchanged + byType.contacts.unchanged + byType.companies.unchanged,
    failed: run.failures.length,
    apiCalls: counted.calls(),
    collisions,
    failures: run.failures,
    byType,
    skippedDeals,
    unconvertedDeals,
    schema: { verified, created, updated },
  };
}

function pick(values: PropertyValues, names: readonly string[]): PropertyValues {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = values[n];
    if (v !== undefined) out[n] = v;
  }
  return out;
}

type PreparedDeal =
  | { readonly kind: 'skip' }
  | { readonly kind: 'fail'; readonly reason: string; readonly message: string }
  | {
      readonly kind: 'ok';
      readonly values: PropertyValues;
      readonly influence: InfluenceDeal;
      /** Won, in another currency, without a home amount. */
      readonly unconverted: boolean;
    };

/**
 * One stored result → its deal's values and its influence, or why it cannot be written. A result
 * is written only with the journey of the recompute that produced it: a deal gone from the portal
 * has none, and a model that could not learn at the last recompute has none for it.
 */
function prepareDeal(
  record: AttributionRecord,
  ctx: DealContext,
  channels: readonly string[],
): PreparedDeal {
  const invalid = ctx.invalid.get(record.dealId);
  if (invalid !== undefined) return { kind: 'fail', reason: 'invalid_journey', message: invalid };
  const doc = ctx.journeys.get(record.dealId);
  if (doc === undefined || doc.models[record.model] !== null) return { kind: 'skip' };
  const parsed = attributionSchema.safeParse(record.result);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return {
      kind: 'fail',
      reason: 'invalid_attribution',
      message: `deal ${record.dealId}: result.${i.path.join('.')}: ${i.message}`,
    };
  }
  const attribution = record.result;
  const { deal } = doc.journey;
  const values = dealValues({
    attribution,
    computedAt: record.computedAt,
    touches: ctx.touches,
    facts: deal,
    buyingGroup: ctx.buyingGroups.get(record.dealId) ?? new Set(),
    channels,
  });
  if (!values.ok) return { kind: 'fail', reason: values.error, message: values.message };
  const won = deal.stage === 'won';
  const homeCents = doc.homeCents ?? undefined;
  return {
    kind: 'ok',
    values: values.value,
    influence: { attribution, touches: ctx.influenceTouches, won, homeCents },
    unconverted: won && homeCents === undefined,
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
