// Write-back against the sandbox: provisioning (twice, the second a no-op), values landing in the
// emulated portal, a no-op run making zero calls, per-record 207 failures retried and reported,
// a name collision left untouched, and a new channel added later.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../../../src/domain/index.js';
import { toMinorUnits } from '../../../src/attribution/index.js';
import { HubSpotError, type HubSpotApi } from '../../../src/hubspot/api.js';
import { staticToken } from '../../../src/hubspot/auth.js';
import { createRateBudget, limitsFor } from '../../../src/hubspot/budget.js';
import { createHubSpotApi } from '../../../src/hubspot/client.js';
import { generatePortal } from '../../../sandbox/generator/index.js';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index.js';
import { archiveRecord, createRecord, type Portal } from '../../../sandbox/portal.js';
import { openStore, type Store } from '../../../src/store/index.js';
import {
  APP_GROUP,
  portalChannels,
  provision,
  revenueProperty,
  writeBack,
} from '../../../src/writeback/index.js';
import { journeyRecord, linearResult, seedStore, type Seeded } from './fixture.js';

let sandbox: RunningSandbox;
let portal: Portal;
let store: Store;
let api: HubSpotApi;
let seeded: Seeded;

beforeEach(async () => {
  portal = generatePortal({ scale: 'tiny', seed: 3 });
  sandbox = await startSandbox({ portal, rateLimits: false, log: () => undefined });
  store = await openStore('sqlite::memory:');
  seeded = await seedStore(store, portal);
  api = createHubSpotApi({
    baseUrl: sandbox.baseUrl,
    tokens: staticToken(sandbox.accessToken),
    budget: createRateBudget({ limits: limitsFor('private', 'enterprise') }),
  });
});

afterEach(async () => {
  await sandbox.close();
  await store.close();
});

/** Requests the sandbox served, by route, without its own /_sandbox routes. */
async function served(): Promise<Record<string, number>> {
  const res = await fetch(`${sandbox.baseUrl}/_sandbox/stats`, {
    headers: { authorization: `Bearer ${sandbox.accessToken}` },
  });
  const body = (await res.json()) as { requests: Record<string, number> };
  return Object.fromEntries(
    Object.entries(body.requests).filter(([route]) => !route.includes('/_sandbox/')),
  );
}

const total = (requests: Record<string, number>): number =>
  Object.values(requests).reduce((s, n) => s + n, 0);
const writes = (requests: Record<string, number>): number =>
  total(Object.fromEntries(Object.entries(requests).filter(([r]) => !r.startsWith('GET '))));
const BATCH_UPDATE = 'POST /crm/v3/objects/:objectType/batch/update';

const run = (extra: { api?: HubSpotApi; channels?: readonly string[] } = {}) =>
  writeBack({
    store,
    api: extra.api ?? api,
    portalId: portal.portalId,
    model: 'linear',
    now: () => Date.UTC(2026, 0, 2),
    ...(extra.channels === undefined ? {} : { channels: extra.channels }),
  });

const liveDeals = () => [...portal.objects.deals.values()].filter((d) => !d.archived);

describe('provision', () => {
  it('creates the group and properties once; running it again changes nothing', async () => {
    const channels = portalChannels();
    const first = await provision(api, channels);
    expect(first.collisions).toEqual([]);
    expect(first.created).toContain(`deals.${APP_GROUP}`);
    expect(first.created).toContain('deals.attribution_revenue_paid_search');
    expect(first.created).toContain('contacts.attribution_influenced_revenue');
    expect(first.created).toContain('companies.attribution_touchpoints');

    const revenue = portal.properties.deals.get('attribution_revenue_paid_search')!;
    expect(revenue).toMatchObject({
      type: 'number',
      fieldType: 'number',
      groupName: APP_GROUP,
      numberDisplayHint: 'currency',
      showCurrencySymbol: true,
    });
    expect(portal.properties.deals.get('attribution_model')!.options.map((o) => o.value)).toEqual([
      ...MODEL_IDS,
    ]);
    expect(
      portal.properties.deals.get('attribution_top_channel')!.options.map((o) => o.value),
    ).toEqual(channels);

    const before = await served();
    const second = await provision(api, channels);
    const after = await served();
    expect(second.created).toEqual([]);
    expect(second.updated).toEqual([]);
    expect(writes(after) - writes(before)).toBe(0);
    expect(total(after) - total(before)).toBe(6); // groups + properties, per object type
  });
});

describe('writeBack', () => {
  it('writes the values HubSpot then holds, and a second run makes zero calls', async () => {
    const first = await run();
    expect(first.failures).toEqual([]);
    expect(first.collisions).toEqual([]);
    expect(first.schema.verified).toBe(true);
    expect(first.byType.deals.written).toBe(liveDeals().length);
    expect(first.byType.contacts.written).toBeGreaterThan(0);
    expect(first.byType.companies.written).toBeGreaterThan(0);

    // Every deal's revenue properties add up to its amount, in its own currency.
    const channels = portalChannels();
    for (const deal of liveDeals()) {
      const p = deal.properties;
      const currency = p['deal_currency_code'] ?? 'USD';
      const sum = channels.reduce((s, c) => {
        const v = toMinorUnits(p[revenueProperty(c)] ?? 'missing', currency);
        if (!v.ok)
          throw new Error(`deal ${deal.id}: ${revenueProperty(c)} = ${p[revenueProperty(c)]}`);
        return s + v.value;
      }, 0);
      const unattributed = toMinorUnits(p['attribution_unattributed_revenue'] ?? '', currency);
      const amount = toMinorUnits(p['amount'] ?? '0', currency);
      expect(unattributed.ok && amount.ok).toBe(true);
      if (unattributed.ok && amount.ok) expect(sum + unattributed.value).toBe(amount.value);
      expect(p['attribution_model']).toBe('linear');
      expect(p['attribution_touchpoints']).toBe(String(seeded.journeys.get(deal.id)!.length));
    }

    // Contacts' influenced revenue sums to the won deals' home amounts (every touch has a contact).
    const wonHome = liveDeals()
      .filter((d) => d.properties['hs_is_closed_won'] === 'true')
      .reduce((s, d) => {
        const v = toMinorUnits(d.properties['amount_in_home_currency'] ?? '', 'USD');
        return s + (v.ok ? v.value : 0);
      }, 0);
    expect(wonHome).toBeGreaterThan(0);
    const influenced = [...portal.objects.contacts.values()].reduce((s, c) => {
      const v = c.properties['attribution_influenced_revenue'];
      const cents = v === undefined || v === null ? 0 : toMinorUnits(v, 'USD');
      return s + (typeof cents === 'number' ? cents : cents.ok ? cents.value : NaN);
    }, 0);
    expect(influenced).toBe(wonHome);

    const before = await served();
    const second = await run();
    const after = await served();
    expect(second).toMatchObject({ written: 0, failed: 0, apiCalls: 0 });
    expect(second.unchanged).toBe(first.written);
    expect(second.schema.verified).toBe(false);
    expect(total(after) - total(before)).toBe(0);
  });

  it('writes only the records whose values changed', async () => {
    await run();
    const deal = liveDeals()[0]!;
    const journey = seeded.journeys.get(deal.id)!;
    // Recomputed later: only computed_at moves for this deal.
    await store.saveAttributions(portal.portalId, [
      linearResult(deal.id, deal.properties, journey, 'linear', Date.UTC(2026, 0, 5)),
    ]);
    const before = await served();
    const second = await run();
    const after = await served();
    expect(second.byType.deals).toEqual({
      written: 1,
      unchanged: liveDeals().length - 1,
      failed: 0,
    });
    expect(second.byType.contacts.written).toBe(0);
    expect(second.apiCalls).toBe(1);
    expect((after[BATCH_UPDATE] ?? 0) - (before[BATCH_UPDATE] ?? 0)).toBe(1);
    expect(deal.properties['attribution_computed_at']).toBe('2026-01-05T00:00:00.000Z');
  });

  it('targeted: writes only the named deals and their reach, leaving what a full run would', async () => {
    await run();
    // One won deal's credit moves entirely to its first touch (a recompute changed it).
    const deal = liveDeals().find(
      (d) =>
        d.properties['hs_is_closed_won'] === 'true' && (seeded.journeys.get(d.id)?.length ?? 0) > 1,
    )!;
    const stored = seeded.results.find((r) => r.dealId === deal.id)!;
    if (stored.result.status !== 'attributed') throw new Error('expected an attributed deal');
    const amount = stored.result.amount.cents;
    await store.saveAttributions(portal.portalId, [
      {
        ...stored,
        hash: 'moved',
        result: {
          ...stored.result,
          credits: stored.result.credits.map((c, i) => ({ ...c, cents: i === 0 ? amount : 0 })),
        },
      },
    ]);
    const members = (await store.journeyMembers(portal.portalId, [deal.id])).get(deal.id)!;
    const before = await served();
    const targeted = await writeBack({
      store,
      api,
      portalId: portal.portalId,
      model: 'linear',
      now: () => Date.UTC(2026, 0, 2),
      only: { deals: [deal.id], contacts: members.contacts, companies: members.companies },
    });
    const after = await served();
    expect(targeted.failed).toBe(0);
    expect(targeted.byType.deals).toEqual({ written: 1, unchanged: 0, failed: 0 });
    // Only the deal's own contacts and companies are looked at: the rest of the portal is not.
    expect(
      targeted.byType.contacts.written + targeted.byType.contacts.unchanged,
    ).toBeLessThanOrEqual(members.contacts.length);
    expect(targeted.byType.contacts.written).toBeGreaterThan(0);
    expect(writes(after) - writes(before)).toBe(targeted.apiCalls);
    // A full run now finds nothing left to write: the targeted one wrote what it would have.
    const full = await run();
    expect(full).toMatchObject({ written: 0, failed: 0, apiCalls: 0 });
  });

  it('reports a name collision and leaves the property and its values untouched', async () => {
    const contact = [...portal.objects.contacts.values()].find((c) => !c.archived)!;
    portal.properties.contacts.set('attribution_touchpoints', {
      ...portal.properties.contacts.get('firstname')!,
      name: 'attribution_touchpoints',
      label: 'Touchpoints (their own)',
      type: 'string',
      fieldType: 'text',
      groupName: 'contactinformation',
      hubspotDefined: false,
      readOnlyValue: false,
      calculated: false,
    });
    contact.properties['attribution_touchpoints'] = 'theirs';
    const summary = await run();
    expect(summary.collisions).toEqual([
      expect.objectContaining({
        objectType: 'contacts',
        name: 'attribution_touchpoints',
        reason: 'not_app_property',
      }),
    ]);
    expect(summary.failures).toEqual([]);
    expect(portal.properties.contacts.get('attribution_touchpoints')).toMatchObject({
      groupName: 'contactinformation',
      type: 'string',
    });
    expect(contact.properties['attribution_touchpoints']).toBe('theirs');
    expect(
      [...portal.objects.contacts.values()].filter(
        (c) => c.properties['attribution_influenced_revenue'] !== undefined,
      ).length,
    ).toBeGreaterThan(0);
    // Companies' property of the same name is the app's and was written.
    expect(summary.byType.companies.written).toBeGreaterThan(0);
    // With a collision the schema is verified again next run (reads only, no writes).
    const before = await served();
    const again = await run();
    const after = await served();
    expect(again.written).toBe(0);
    expect(writes(after) - writes(before)).toBe(0);
  });

  it('retries a record that failed in a 207 once, then reports it and keeps it pending', async () => {
    await run();
    const [gone, kept] = liveDeals();
    for (const d of [gone!, kept!]) {
      await store.saveAttributions(portal.portalId, [
        linearResult(
          d.id,
          d.properties,
          seeded.journeys.get(d.id)!,
          'linear',
          Date.UTC(2026, 0, 7),
        ),
      ]);
    }
    archiveRecord(portal, 'deals', gone!); // deleted in HubSpot since the last sync
    const before = await served();
    const summary = await run();
    const after = await served();
    expect(summary.failures).toEqual([
      expect.objectContaining({ objectType: 'deals', id: gone!.id, reason: 'OBJECT_NOT_FOUND' }),
    ]);
    expect(summary.byType.deals).toMatchObject({ written: 1, failed: 1 });
    expect((after[BATCH_UPDATE] ?? 0) - (before[BATCH_UPDATE] ?? 0)).toBe(2); // first try + retry
    expect(kept!.properties['attribution_computed_at']).toBe('2026-01-07T00:00:00.000Z');
    // Not recorded as written: the next run tries it again.
    const next = await run();
    expect(next.failures.map((f) => f.id)).toEqual([gone!.id]);
  });

  it('records a transient 207 failure once the retry succeeds', async () => {
    // The sandbox injects partial 207s into batch reads only; this wrapper does it for one
    // batch update: half the inputs are held back and reported failed, as HubSpot's 207 would.
    let injected = 0;
    const flaky: HubSpotApi = {
      stats: () => api.stats(),
      async request(req) {
        if (injected > 0 || !req.path.endsWith('/batch/update')) return api.request(req);
        const inputs = (req.body as { inputs: { id: string }[] }).inputs;
        const held = inputs.slice(0, Math.floor(inputs.length / 2));
        injected = held.length;
        const res = await api.request({ ...req, body: { inputs: inputs.slice(held.length) } });
        const body = res.body as Record<string, unknown>;
        return {
          ...res,
          status: 207,
          body: {
            ...body,
            numErrors: 1,
            errors: [
              {
                status: 'error',
                category: 'OBJECT_NOT_FOUND',
                message: 'transient',
                context: { ids: held.map((i) => i.id) },
              },
            ],
          },
        };
      },
    };
    const summary = await run({ api: flaky });
    expect(injected).toBeGreaterThan(0);
    expect(summary.failures).toEqual([]);
    expect(summary.byType.deals.written).toBe(liveDeals().length);
    for (const d of liveDeals()) expect(d.properties['attribution_model']).toBe('linear');
    expect((await run()).written).toBe(0);
  });

  it('adds the property and options of a channel added later, and fills it on every deal', async () => {
    await run();
    const channels = [...portalChannels(), 'partner_program'];
    const summary = await run({ channels });
    expect(summary.schema.created).toEqual(['deals.attribution_revenue_partner_program']);
    expect(summary.schema.updated).toEqual(
      expect.arrayContaining([
        'deals.attribution_top_channel',
        'deals.attribution_closing_channel',
      ]),
    );
    expect(summary.byType.deals.written).toBe(liveDeals().length);
    for (const d of liveDeals()) {
      expect(d.properties['attribution_revenue_partner_program']).toMatch(/^0(\.00)?$/);
    }
    const again = await run({ channels });
    expect(again).toMatchObject({ written: 0, apiCalls: 0 });
    // Dropping the channel from the list keeps its property (never deleted) and its values.
    const dropped = await run();
    expect(dropped).toMatchObject({ written: 0, apiCalls: 0 });
  });

  it('forgets a remembered schema when a write fails validation, and repairs it next run', async () => {
    await run();
    // Someone archives one of the app's properties in HubSpot; the store still remembers it.
    portal.properties.deals.get('attribution_top_channel')!.archived = true;
    const deal = liveDeals()[0]!;
    await store.saveAttributions(portal.portalId, [
      linearResult(
        deal.id,
        deal.properties,
        seeded.journeys.get(deal.id)!,
        'linear',
        Date.UTC(2026, 0, 9),
      ),
    ]);
    const broken = await run();
    expect(broken.failures).toEqual([
      expect.objectContaining({ objectType: 'deals', id: deal.id, reason: 'validation' }),
    ]);
    // Purged for good: the next run verifies the schema, recreates the property and writes.
    portal.properties.deals.delete('attribution_top_channel');
    const repaired = await run();
    expect(repaired.schema.verified).toBe(true);
    expect(repaired.schema.created).toEqual(['deals.attribution_top_channel']);
    expect(repaired.failures).toEqual([]);
    expect(deal.properties['attribution_computed_at']).toBe('2026-01-09T00:00:00.000Z');
  });

  it('converges through injected 5xx and 429 faults, then a run is a no-op', async () => {
    await sandbox.close();
    sandbox = await startSandbox({
      portal,
      rateLimits: false,
      log: () => undefined,
      faults: '5xx=0.2,429burst=0.05:2,seed=11',
    });
    const faulty = createHubSpotApi({
      baseUrl: sandbox.baseUrl,
      tokens: staticToken(sandbox.accessToken),
      budget: createRateBudget({ limits: limitsFor('private', 'enterprise') }),
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
    // A provisioning read that still fails after the client's retries aborts that run (nothing
    // is written without a verified schema); the next run picks up where it stopped.
    let last: Awaited<ReturnType<typeof run>> | undefined;
    let aborted = 0;
    for (let i = 0; i < 12; i++) {
      try {
        last = await run({ api: faulty });
      } catch (e) {
        if (!(e instanceof HubSpotError) || !['server', 'rate_limited'].includes(e.kind)) throw e;
        aborted++;
        last = undefined;
        continue;
      }
      if (last.failures.length === 0 && last.written === 0) break;
    }
    expect(faulty.stats().retries).toBeGreaterThan(0);
    expect(aborted).toBeLessThan(12);
    expect(last).toMatchObject({ written: 0, failed: 0, apiCalls: 0 });
    for (const d of liveDeals()) expect(d.properties['attribution_model']).toBe('linear');
  });

  it('rejects invalid options naming the field, before any call', async () => {
    await expect(
      writeBack({ store, api, portalId: portal.portalId, model: 'nope' }),
    ).rejects.toThrow(/options\.model/);
    await expect(
      writeBack({ store, api, portalId: portal.portalId, model: 'linear', channels: ['Bad-Id'] }),
    ).rejects.toThrow(/options\.channels\.0/);
    expect(api.stats().calls).toBe(0);
  });

  it('writes a result only with its recompute’s journey; a contact it never touched stays unwritten', async () => {
    const stranger = createRecord(portal, 'contacts', { email: 'x@y.test' }, Date.UTC(2025, 0, 1));
    await store.upsertRecords(portal.portalId, 'contacts', [
      { id: stranger.id, properties: { email: 'x@y.test' }, updatedAt: stranger.updatedAt },
    ]);
    const [removed] = liveDeals();
    // The recompute removed a deal gone from the portal: nothing of it is left to write.
    expect(await store.deleteDealResults(portal.portalId, [removed!.id])).toBe(1);
    const summary = await run();
    expect(summary.byType.deals.written).toBe(liveDeals().length - 1);
    expect(removed!.properties['attribution_model']).toBeUndefined();
    expect(stranger.properties['attribution_influenced_revenue']).toBeUndefined();
  });

  it('reports a malformed stored journey by field and writes the other deals', async () => {
    const [broken] = liveDeals();
    const good = journeyRecord(portal, broken!.id, seeded.journeys.get(broken!.id)!);
    const doc = structuredClone(good.journey) as { journey: { deal: { stage: string } } };
    doc.journey.deal.stage = 'maybe';
    await store.saveDealJourneys(portal.portalId, [{ ...good, journey: doc }]);
    const summary = await run();
    expect(summary.failures).toEqual([
      expect.objectContaining({
        objectType: 'deals',
        id: broken!.id,
        reason: 'invalid_journey',
        message: expect.stringContaining('journey.deal.stage') as unknown,
      }),
    ]);
    expect(summary.byType.deals.written).toBe(liveDeals().length - 1);
    expect(broken!.properties['attribution_model']).toBeUndefined();
  });
});

describe("the admin's choice of properties", () => {
  it('writes only the chosen properties; the revenue family stands for every channel', async () => {
    const summary = await writeBack({
      store,
      api,
      portalId: portal.portalId,
      model: 'linear',
      now: () => Date.UTC(2026, 0, 2),
      properties: {
        deals: ['attribution_model', 'attribution_revenue_by_channel'],
        contacts: [],
        companies: ['attribution_touchpoints'],
      },
    });
    expect(summary.failed).toBe(0);
    const deal = liveDeals().find((d) => d.properties['attribution_model'] !== undefined);
    expect(deal).toBeDefined();
    const written = Object.keys(deal?.properties ?? {}).filter((k) => k.startsWith('attribution_'));
    expect(written).toContain('attribution_model');
    expect(written).toContain('attribution_unattributed_revenue');
    expect(written.some((k) => k.startsWith('attribution_revenue_'))).toBe(true);
    expect(written).not.toContain('attribution_touchpoints');
    expect(written).not.toContain('attribution_top_channel');
    const contacts = [...portal.objects.contacts.values()];
    expect(contacts.some((c) => c.properties['attribution_influenced_revenue'] !== undefined)).toBe(
      false,
    );
    expect(summary.byType.contacts.written).toBe(0);
    const companies = [...portal.objects.companies.values()];
    expect(companies.some((c) => c.properties['attribution_touchpoints'] !== undefined)).toBe(true);
    expect(
      companies.some((c) => c.properties['attribution_influenced_revenue'] !== undefined),
    ).toBe(false);
  });
});
