// `npm start`'s app end to end, in process: the composition root (createRuntime) against a
// generated sandbox portal, pointed at it by configuration as the development entry does. One cycle (sync → attribute → write-back) must
// leave the properties in the sandbox; the card endpoint, called with HubSpot's v3 signature,
// must answer every deal with credits that add up to its amount and agree with what was written;
// a second cycle with nothing changed writes nothing; and a settings change is validated, then
// recomputed and written back.

import { sandboxRuntime } from '../support/runtime.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  MODEL_IDS,
  type CycleState,
  type DealAttributionBody,
  type ErrorBody,
  type SettingsBody,
} from '../../extensions/domain/index.js';
import type { Runtime } from '../../src/app/runtime.js';
import type { CycleOutcome } from '../../src/jobs/cycle.js';
import { generatePortal } from '../../sandbox/generator/index.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import type { CrmRecord } from '../../sandbox/portal.js';
import { signV3 } from '../../sandbox/server/signature.js';

const REVENUE = 'attribution_revenue_';
const BATCH_UPDATE = 'POST /crm/v3/objects/:objectType/batch/update';

let dir: string;
let sb: RunningSandbox;
let runtime: Runtime;
let portalId: number;
/** The server as HubSpot reaches it (IPv4: the runtime binds 0.0.0.0). */
let origin: string;
const outcomes: CycleOutcome[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'start-e2e-'));
  sb = await startSandbox({
    portal: generatePortal({ seed: 3, scale: 'tiny' }),
    seed: 3,
    log: () => undefined,
  });
  runtime = await sandboxRuntime({ sb, dir, onCycle: (outcome) => outcomes.push(outcome) });
  if (runtime.portalId === undefined || runtime.server === undefined)
    throw new Error('runtime has no portal or no server');
  portalId = runtime.portalId;
  origin = runtime.server.url.replace('//localhost:', '//127.0.0.1:');
  runtime.enqueue(portalId, 'sync');
  await runtime.runner.idle();
}, 60_000);

afterAll(async () => {
  await runtime.close();
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A request to the app signed as HubSpot signs card and settings-page fetches. */
async function api(method: 'GET' | 'PUT', path: string, body?: unknown) {
  const url = `${origin}/api/v1${path}${path.includes('?') ? '&' : '?'}portalId=${portalId}`;
  const raw = body === undefined ? '' : JSON.stringify(body);
  const ts = Date.now();
  const res = await fetch(url, {
    method,
    headers: {
      'X-HubSpot-Signature-v3': signV3(sb.clientSecret, method, url, raw, ts),
      'X-HubSpot-Request-Timestamp': String(ts),
      ...(raw === '' ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(raw === '' ? {} : { body: raw }),
  });
  return { status: res.status, body: await res.json() };
}

async function card(dealId: string, model?: string): Promise<DealAttributionBody> {
  const r = await api('GET', `/deals/${dealId}/attribution${model ? `?model=${model}` : ''}`);
  expect(r.status, `deal ${dealId} ${model ?? ''}`).toBe(200);
  const body = r.body as DealAttributionBody;
  expect(body.status).toBe('ok');
  return body;
}

/** The runner's last cycle (a shared queue answers it asynchronously, the in-process one at once). */
const lastCycle = async (): Promise<CycleState | null> => runtime.runner.lastCycle(portalId);

async function requestCounts(): Promise<Record<string, number>> {
  const res = await fetch(`${sb.baseUrl}/_sandbox/stats`, {
    headers: { authorization: `Bearer ${sb.accessToken}` },
  });
  return ((await res.json()) as { requests: Record<string, number> }).requests;
}

const live = (type: 'deals' | 'contacts' | 'companies'): CrmRecord[] =>
  [...sb.portal.objects[type].values()].filter((r) => !r.archived);

/** The currency's minor-unit digits per ISO 4217 (Intl), independent of the app's own table. */
const digitsOf = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits ?? 2;

/** A written money value ("1234.56"; "1235" for JPY) in minor units; throws on another shape. */
function minorUnits(value: string | null | undefined, currency: string, what: string): number {
  const d = digitsOf(currency);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value ?? '');
  if (m === null || (m[2] ?? '').length !== d)
    throw new Error(`${what}: "${String(value)}" is not a ${currency} amount with ${d} decimals`);
  return Number(m[1]) * 10 ** d + Number(m[2] ?? 0);
}

/** HubSpot's deal amount (a decimal string, any precision) in minor units; empty = 0. */
function dealAmount(deal: CrmRecord, currency: string): number {
  const amount = deal.properties['amount'];
  return amount === null || amount === undefined || amount === ''
    ? 0
    : Math.round(Number(amount) * 10 ** digitsOf(currency));
}

/** The deal's written per-channel revenue, in minor units, channels with 0 left out. */
function writtenRevenue(deal: CrmRecord, currency: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, value] of Object.entries(deal.properties)) {
    if (!name.startsWith(REVENUE)) continue;
    const cents = minorUnits(value, currency, `deal ${deal.id} ${name}`);
    if (cents > 0) out.set(name.slice(REVENUE.length), cents);
  }
  return out;
}

const cardRevenue = (body: DealAttributionBody): Map<string, number> =>
  new Map(body.byChannel.filter((c) => c.cents > 0).map((c) => [c.channel, c.cents]));

const sum = (xs: Iterable<number>): number => [...xs].reduce((a, b) => a + b, 0);

/**
 * Every live deal in the sandbox carries the written properties of `model`: revenue per channel
 * plus the unattributed amount add up to the deal's amount, and they equal the card's figures.
 */
async function expectWrittenDeals(model: string): Promise<void> {
  const deals = live('deals');
  expect(deals.length).toBeGreaterThan(5);
  for (const deal of deals) {
    const body = await card(deal.id);
    expect(body.model).toBe(model);
    const { currency } = body.amount;
    const p = deal.properties;
    expect(p['attribution_model'], `deal ${deal.id}`).toBe(model);
    const revenue = writtenRevenue(deal, currency);
    const unattributed = minorUnits(
      p['attribution_unattributed_revenue'],
      currency,
      `deal ${deal.id} unattributed`,
    );
    expect(sum(revenue.values()) + unattributed, `deal ${deal.id}`).toBe(
      dealAmount(deal, currency),
    );
    expect(revenue, `deal ${deal.id}`).toEqual(cardRevenue(body));
    expect(unattributed).toBe(body.unattributedCents);
    expect(p['attribution_touchpoints']).toBe(String(body.stats.touchpoints));
    // …and with the result the store holds for the model, which is what write-back read.
    const stored = (await runtime.store.attributionsForDeal(portalId, deal.id)).find(
      (a) => a.model === model,
    );
    expect(stored?.result.amount).toEqual(body.amount);
    expect(stored?.result.unattributedCents).toBe(unattributed);
    expect(sum(stored?.result.credits.map((c) => c.cents) ?? [])).toBe(sum(revenue.values()));
    expect(String(stored?.result.credits.length)).toBe(p['attribution_touchpoints']);
  }
}

describe('npm start against a tiny sandbox portal', () => {
  it('the first cycle syncs, attributes and writes back; the sandbox holds the properties', async () => {
    expect(await lastCycle()).toMatchObject({ state: 'succeeded', error: null });
    const first = outcomes[0];
    expect(first?.sync?.ok).toBe(true);
    expect(first?.writeback).toMatchObject({ failed: 0, collisions: [] });
    expect(first?.writeback?.written).toBeGreaterThan(0);
    expect(first?.attribution?.model).toBe('w_shaped');

    await expectWrittenDeals('w_shaped');

    // Won revenue is credited somewhere: the written properties are not all zero.
    const won = live('deals').filter((d) => d.properties['dealstage'] === 'closedwon');
    expect(won.length).toBeGreaterThan(0);
    expect(
      won.some(
        (d) => sum(writtenRevenue(d, d.properties['deal_currency_code'] ?? 'USD').values()) > 0,
      ),
    ).toBe(true);

    // Contacts and companies hold exactly what the store recorded as confirmed writes.
    for (const type of ['contacts', 'companies'] as const) {
      const records = live(type);
      const states = await runtime.store.writebackStates(
        portalId,
        type,
        records.map((r) => r.id),
      );
      expect(states.size, type).toBeGreaterThan(0);
      for (const r of records) {
        const state = states.get(r.id);
        if (state === undefined) continue;
        for (const [name, value] of Object.entries(state.values))
          expect(r.properties[name], `${type} ${r.id} ${name}`).toBe(value);
      }
    }
  });

  it('the signed card endpoint answers every deal under every model with credits summing to the amount', async () => {
    for (const deal of live('deals')) {
      for (const model of MODEL_IDS) {
        const body = await card(deal.id, model);
        expect(body.dealId).toBe(deal.id);
        expect(body.portalId).toBe(portalId);
        expect(body.model).toBe(model);
        expect(body.amount.cents).toBe(dealAmount(deal, body.amount.currency));
        const credits = body.touchpoints.map((t) => t.credit.cents);
        for (const c of credits) expect(c).toBeGreaterThanOrEqual(0);
        expect(sum(credits) + body.unattributedCents, `deal ${deal.id} ${model}`).toBe(
          body.amount.cents,
        );
        expect(sum(body.byChannel.map((c) => c.cents))).toBe(sum(credits));
        // Unattributed is all or nothing: an explained whole-amount bucket, or no bucket at all.
        if (body.unattributed === null) expect(body.unattributedCents).toBe(0);
        else expect(body.unattributedCents).toBe(body.amount.cents);
      }
    }
  });

  it('the first cycle evaluates the models and the signed API serves what it stored', async () => {
    const first = outcomes[0];
    expect(first?.evaluation).toBeDefined();
    expect(first?.evaluation).not.toHaveProperty('error');
    const r = await api('GET', '/evaluation');
    expect(r.status).toBe(200);
    const body = r.body as {
      status: string;
      evaluation: { models: { id: string }[]; recommended: { model: string; reason: string } };
    };
    expect(body.status).toBe('ok');
    const ids = body.evaluation.models.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['markov_o1', 'shapley', 'logistic', 'linear']));
    expect(ids).toContain(body.evaluation.recommended.model);
    expect(body.evaluation.recommended.reason.length).toBeGreaterThan(20);
    if (first?.evaluation && !('error' in first.evaluation)) {
      expect(body.evaluation.recommended.model).toBe(first.evaluation.recommended);
    }
  });

  it('the card endpoint answers 404 for an unknown deal once the first sync is done', async () => {
    const r = await api('GET', '/deals/999999999/attribution');
    expect(r.body).toMatchObject({ status: 'error', code: 'deal_not_found' });
    expect(r.status).toBe(404);
  });

  it('the card endpoint refuses a request without a signature', async () => {
    const deal = live('deals')[0]!;
    const res = await fetch(`${origin}/api/v1/deals/${deal.id}/attribution?portalId=${portalId}`);
    expect(res.status).toBe(401);
  });

  it('a second cycle with nothing changed makes zero write-back calls', async () => {
    const before = await requestCounts();
    const n = outcomes.length;
    runtime.enqueue(portalId, 'sync');
    await runtime.runner.idle();
    expect(await lastCycle()).toMatchObject({ state: 'succeeded' });
    expect(outcomes).toHaveLength(n + 1);
    expect(outcomes[n]?.writeback).toMatchObject({ written: 0, failed: 0, apiCalls: 0 });
    const after = await requestCounts();
    expect(after[BATCH_UPDATE]).toBe(before[BATCH_UPDATE]);
    for (const [route, count] of Object.entries(after))
      if (route.includes('/crm/v3/properties/')) expect(count, route).toBe(before[route]);
  });

  it('invalid settings → 400 naming each field, nothing stored, nothing queued', async () => {
    const current = await api('GET', '/settings');
    expect(current.status).toBe(200);
    const stored = current.body as SettingsBody;
    const cycle = await lastCycle();

    const r = await api('PUT', '/settings', {
      expectedVersion: stored.version,
      settings: {
        model: 'linear',
        lookbackDays: 0,
        customWeights: { FIRST: 50, LAST: 40 },
        colour: 'red',
      },
    });
    expect(r.status).toBe(400);
    const fields = ((r.body as ErrorBody).errors ?? []).map((e) => e.field).join(' ');
    for (const f of ['lookbackDays', 'customWeights', 'colour']) expect(fields).toContain(f);

    const again = await api('GET', '/settings');
    expect(again.body).toEqual(stored);
    expect((await runtime.store.currentSettings(portalId))?.version).toBe(
      stored.version === 0 ? undefined : stored.version,
    );
    await runtime.runner.idle();
    expect(await lastCycle()).toEqual(cycle);
  });

  it('valid settings → recompute and write-back put the new model in the sandbox', async () => {
    const stored = (await api('GET', '/settings')).body as SettingsBody;
    const before = await requestCounts();
    const cycle = await lastCycle();

    const r = await api('PUT', '/settings', {
      expectedVersion: stored.version,
      settings: { ...stored.settings, model: 'linear' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ version: stored.version + 1, settings: { model: 'linear' } });

    // The save hook queues the recompute right after answering; then wait for the queue.
    await vi.waitFor(async () => {
      expect((await lastCycle())?.startedAt).not.toBe(cycle?.startedAt);
    });
    await runtime.runner.idle();
    expect(await lastCycle()).toMatchObject({ state: 'succeeded' });
    const last = outcomes.at(-1);
    expect(last?.sync).toBeUndefined();
    expect(last?.writeback?.byType.deals.written).toBe(live('deals').length);
    expect((await requestCounts())[BATCH_UPDATE]).toBeGreaterThan(before[BATCH_UPDATE] ?? 0);

    await expectWrittenDeals('linear');
  });
});
