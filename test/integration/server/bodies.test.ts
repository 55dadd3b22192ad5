// Every /api/v1 answer the backend gives is what the domain's schema of it says: the card and the
// settings page check answers with these schemas, so a body the backend builds but its schema
// rejects (or a field the schema does not know) would break them. Parsing must keep each body
// exactly (nothing stripped, nothing added).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  channelPreviewBodySchema,
  dealAttributionBodySchema,
  errorBodySchema,
  evaluationBodySchema,
  MODEL_IDS,
  notSyncedBodySchema,
  recomputeBodySchema,
  settingsBodySchema,
  statusBodySchema,
} from '../../../src/domain/index.js';
import type { Store } from '../../../src/store/index.js';
import { markSynced, PORTAL, seededStore } from '../services/fixture.js';
import { mountApi, SIGNED_PORTAL_HEADER, type MountedApi } from './api-fixture.js';

let store: Store;
let mounted: MountedApi;

beforeEach(async () => {
  store = await seededStore();
  mounted = await mountApi(store);
});
afterEach(async () => {
  await mounted.close();
  await store.close();
});

async function answer(method: string, path: string, body?: unknown) {
  const res = await fetch(`${mounted.base}${path}`, {
    method,
    headers: {
      [SIGNED_PORTAL_HEADER]: String(PORTAL),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answered: unknown = await res.json();
  return { status: res.status, body: answered };
}

/** The body passes the schema and parses to itself. */
function expectBody(schema: z.ZodType, body: unknown): void {
  const parsed = schema.safeParse(body);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(parsed.data).toStrictEqual(body);
}

describe('the backend’s answers fit the domain’s schemas', () => {
  it('the card: not synced, then every model of the comparison and the shown one', async () => {
    expectBody(notSyncedBodySchema, (await answer('GET', '/deals/101/attribution')).body);
    await markSynced(store, PORTAL);
    const comparisonModels = ['first_touch', 'markov', 'logistic'];
    await mounted.settings.save(PORTAL, { comparisonModels }, 0);
    await mounted.attribution.attributePortal(PORTAL);
    for (const model of MODEL_IDS) {
      const r = await answer('GET', `/deals/101/attribution?model=${model}`);
      expect(r.status, model).toBe(200);
      expectBody(dealAttributionBodySchema, r.body);
    }
  });

  it('settings, status, recompute, the channel rules preview and the evaluation', async () => {
    expectBody(settingsBodySchema, (await answer('GET', '/settings')).body);
    const saved = await answer('PUT', '/settings', {
      expectedVersion: 0,
      settings: {
        channelRules: {
          rules: [{ channel: 'partners', when: [{ field: 'source', op: 'equals', value: 'X' }] }],
        },
      },
    });
    expect(saved.status).toBe(200);
    expectBody(settingsBodySchema, saved.body);
    expectBody(statusBodySchema, (await answer('GET', '/status')).body);
    expectBody(recomputeBodySchema, (await answer('POST', '/recompute')).body);
    const preview = await answer('POST', '/channel-rules/preview', {
      channelRules: { rules: [], fallback: 'other' },
    });
    expect(preview.status).toBe(200);
    expectBody(channelPreviewBodySchema, preview.body);
    expectBody(evaluationBodySchema, (await answer('GET', '/evaluation')).body);
  });

  it('errors: a bad request naming fields, an unknown deal, a stale save', async () => {
    const bad = await answer('GET', '/deals/abc/attribution?model=best');
    expect(bad.status).toBe(400);
    expectBody(errorBodySchema, bad.body);
    await markSynced(store, PORTAL);
    const unknown = await answer('GET', '/deals/999/attribution');
    expect(unknown.status).toBe(404);
    expectBody(errorBodySchema, unknown.body);
    await answer('PUT', '/settings', { expectedVersion: 0, settings: {} });
    const stale = await answer('PUT', '/settings', { expectedVersion: 0, settings: {} });
    expect(stale.status).toBe(409);
    expectBody(errorBodySchema, stale.body);
  });
});
