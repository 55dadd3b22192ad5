// The /api/v1 router in a bare express app. A stand-in for the signature middleware puts the
// "signed" portal id in res.locals.portalId from a test header; the real middleware is tested
// with app.ts. The routes must use only that id, whatever the query says.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../../../extensions/domain/index.js';
import type {
  DealAttributionBody,
  ErrorBody,
  SettingsBody,
  StatusBody,
} from '../../../extensions/domain/index.js';
import type { AttributionService } from '../../../src/services/attribute.js';
import type { Store } from '../../../src/store/index.js';
import { markSynced, NOW, OTHER_PORTAL, PORTAL, seededStore } from '../services/fixture.js';
import { mountApi, SIGNED_PORTAL_HEADER, type MountedApi } from './api-fixture.js';

let store: Store;
let mounted: MountedApi;
let base: string;
let recomputes: number[];
let changes: number[];
let attribution: AttributionService;

beforeEach(async () => {
  store = await seededStore();
  recomputes = [];
  changes = [];
  mounted = await mountApi(store, {
    onSettingsChanged: (portalId) => changes.push(portalId),
    onRecompute: (portalId) => recomputes.push(portalId),
  });
  base = mounted.base;
  attribution = mounted.attribution;
});
afterEach(async () => {
  await mounted.close();
  await store.close();
});

/** The caller names the body type it expects: a cast at the test's HTTP boundary. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
async function call<T>(
  method: string,
  path: string,
  portalId: number,
  body?: unknown,
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      [SIGNED_PORTAL_HEADER]: String(portalId),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('GET /deals/:dealId/attribution', () => {
  // The card reads what the recompute stored (u_shaped shown as a comparison model).
  beforeEach(async () => {
    await mounted.settings.save(PORTAL, { comparisonModels: ['u_shaped'] }, 0);
    await attribution.attributePortal(PORTAL);
    await attribution.attributePortal(OTHER_PORTAL);
  });

  it('answers the card with credits that sum to the amount, never cached', async () => {
    const r = await call<DealAttributionBody>(
      'GET',
      '/deals/101/attribution?model=u_shaped',
      PORTAL,
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toMatchObject({
      status: 'ok',
      dealId: '101',
      portalId: PORTAL,
      model: 'u_shaped',
    });
    expect(r.body.touchpoints.map((t) => t.credit.cents)).toEqual([
      400_000, 400_000, 50_000, 50_000, 50_000, 50_000,
    ]);
    expect(sum(r.body.touchpoints.map((t) => t.credit.cents))).toBe(r.body.amount.cents);
  });

  it('reads only the signed portal, whatever portalId the query carries', async () => {
    const r = await call<DealAttributionBody>(
      'GET',
      `/deals/101/attribution?portalId=${String(OTHER_PORTAL)}`,
      PORTAL,
    );
    expect(r.body.portalId).toBe(PORTAL);
    expect(r.body.amount.cents).toBe(1_000_000);
    const other = await call<DealAttributionBody>(
      'GET',
      `/deals/101/attribution?portalId=${String(PORTAL)}`,
      OTHER_PORTAL,
    );
    expect(other.body).toMatchObject({ portalId: OTHER_PORTAL, amount: { cents: 5000 } });
  });

  it('names bad parameters with 400', async () => {
    const r = await call<ErrorBody>('GET', '/deals/abc/attribution?model=best', PORTAL);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ status: 'error', code: 'invalid_request' });
    expect(r.body.errors?.map((e) => e.field)).toEqual(['dealId', 'model']);
    const twice = await call<ErrorBody>(
      'GET',
      '/deals/101/attribution?model=linear&model=u_shaped',
      PORTAL,
    );
    expect(twice.body.errors).toEqual([{ field: 'model', message: 'must be given once' }]);
  });

  it('says not_synced before the first sync and 404 for an unknown deal after it', async () => {
    const before = await call<{ status: string }>('GET', '/deals/999/attribution', PORTAL);
    expect(before).toMatchObject({ status: 200, body: { status: 'not_synced' } });
    await markSynced(store, PORTAL);
    const after = await call<ErrorBody>('GET', '/deals/999/attribution', PORTAL);
    expect(after.status).toBe(404);
    expect(after.body).toMatchObject({ status: 'error', code: 'deal_not_found' });
    expect(after.body.message).toMatch(/Deal 999/);
  });
});

describe('GET and PUT /settings', () => {
  it('serves defaults with the model list and channels', async () => {
    const r = await call<SettingsBody>('GET', '/settings', PORTAL);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', portalId: PORTAL, version: 0, updatedAt: null });
    expect(r.body.settings.model).toBe('w_shaped');
    expect(r.body.models.map((m) => m.id)).toEqual([...MODEL_IDS]); // logistic included
    expect(r.body.channels.some((c) => c.id === 'paid_search')).toBe(true);
  });

  it('rejects invalid settings with 400 naming each field, and stores nothing', async () => {
    const r = await call<ErrorBody>('PUT', '/settings', PORTAL, {
      expectedVersion: 0,
      settings: {
        model: 'magic',
        customWeights: { FIRST: 10 },
        lookbackDays: 1000,
        schedule: { nightlyReconcileHour: 25 },
        channelRules: { rules: [{ channel: 'partners', when: [] }] },
        theme: 'dark',
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.errors?.map((e) => e.field).sort()).toEqual(
      [
        'channelRules.rules.0.when',
        'customWeights',
        'lookbackDays',
        'model',
        'schedule.nightlyReconcileHour',
        'theme',
      ].sort(),
    );
    expect((await call<SettingsBody>('GET', '/settings', PORTAL)).body.version).toBe(0);
    expect(changes).toEqual([]);
    const noVersion = await call<ErrorBody>('PUT', '/settings', PORTAL, { settings: {} });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.errors?.map((e) => e.field)).toEqual(['expectedVersion']);
  });

  it('saves a valid change for the signed portal only, and 409s a stale one', async () => {
    const r = await call<SettingsBody>(
      'PUT',
      `/settings?portalId=${String(OTHER_PORTAL)}`,
      PORTAL,
      {
        expectedVersion: 0,
        settings: {
          model: 'custom',
          customWeights: { FIRST: 40, LC: 40, MID: 20 },
          channelRules: {
            rules: [
              { channel: 'partners', when: [{ field: 'source', op: 'equals', value: 'partner' }] },
            ],
          },
        },
      },
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ version: 1, portalId: PORTAL, settings: { model: 'custom' } });
    expect(r.body.channels.at(-1)).toEqual({
      id: 'partners',
      label: 'Partners',
      team: 'marketing',
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(changes).toEqual([PORTAL]);
    expect((await call<SettingsBody>('GET', '/settings', OTHER_PORTAL)).body.version).toBe(0);

    const stale = await call<ErrorBody>('PUT', '/settings', PORTAL, {
      expectedVersion: 0,
      settings: {},
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('settings_conflict');

    // The change enqueues a recompute (the runtime's onSettingsChanged); the card shows its result.
    await attribution.attributePortal(PORTAL);
    const card = await call<DealAttributionBody>('GET', '/deals/101/attribution', PORTAL);
    expect(card.body.model).toBe('custom');
    expect(card.body.settingsVersion).toBe(1);
  });
});

describe('GET /status and POST /recompute', () => {
  it('reports sync per stream and attributed deals', async () => {
    await markSynced(store, PORTAL);
    await attribution.attributePortal(PORTAL);
    const r = await call<StatusBody>('GET', '/status', PORTAL);
    expect(r.status).toBe(200);
    expect(r.body.sync).toMatchObject({ complete: true, streamsDone: 2, streamsTotal: 2 });
    expect(r.body.sync.streams[0]).toMatchObject({ phase: 'incremental', lastError: null });
    expect(r.body.lastCycle).toBeNull();
    expect(r.body.attribution).toMatchObject({
      settingsVersion: 0,
      dealsAttributed: 7,
      lastComputedAt: new Date(NOW).toISOString(),
    });
    const other = await call<StatusBody>('GET', '/status', OTHER_PORTAL);
    expect(other.body.sync).toMatchObject({ complete: false, streamsTotal: 0 });
  });

  it('queues a recompute of the signed portal', async () => {
    const r = await call<{ status: string; portalId: number }>(
      'POST',
      `/recompute?portalId=${String(OTHER_PORTAL)}`,
      PORTAL,
    );
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'accepted', portalId: PORTAL });
    expect(recomputes).toEqual([PORTAL]);
  });
});
