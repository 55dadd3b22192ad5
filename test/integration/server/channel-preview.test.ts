// POST /api/v1/channel-rules/preview through the real API router, services and an SQLite store. A
// stand-in for the signature middleware puts the "signed" portal in res.locals.portalId (the real
// check is tested with app.ts); the route must use only that portal.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ChannelPreviewBody,
  ChannelPreviewRequest,
  ErrorBody,
} from '../../../extensions/domain/index.js';
import type { Store } from '../../../src/store/index.js';
import { NOW, OTHER_PORTAL, PORTAL, seededStore } from '../services/fixture.js';
import { createSettingsService } from '../../../src/services/settings.js';
import { mountApi, SIGNED_PORTAL_HEADER, type MountedApi } from './api-fixture.js';

let store: Store;
let mounted: MountedApi;
let base: string;

beforeEach(async () => {
  store = await seededStore();
  // A touch with HubSpot source details, newer than every fixture touch.
  await store.replaceTouchpointsFor(
    PORTAL,
    'contacts',
    ['201'],
    [
      {
        id: 's1',
        originId: '201',
        occurredAt: NOW,
        contactIds: ['201'],
        kind: 'visit',
        channel: 'paid_search',
        team: 'marketing',
        source: { source: 'PAID_SEARCH', medium: 'cpc', detail1: 'google' },
        campaign: 'brand',
      },
    ],
  );
  mounted = await mountApi(store);
  base = mounted.base;
});
afterEach(async () => {
  await mounted.close();
  await store.close();
});

/** The caller names the body type it expects: a cast at the test's HTTP boundary. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
async function preview<T>(
  body: unknown,
  portalId = PORTAL,
  query = '',
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${base}/channel-rules/preview${query}`, {
    method: 'POST',
    headers: { [SIGNED_PORTAL_HEADER]: String(portalId), 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

const newsletterRule: ChannelPreviewRequest = {
  channelRules: {
    rules: [
      { channel: 'newsletter', when: [{ field: 'kind', op: 'equals', value: 'email_click' }] },
    ],
  },
};

describe('POST /channel-rules/preview', () => {
  it('classifies the signed portal’s recent touches under the proposed rules', async () => {
    const r = await preview<ChannelPreviewBody>(
      newsletterRule,
      PORTAL,
      `?portalId=${String(OTHER_PORTAL)}`,
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    // 13 fixture touches and s1; the other portal's touch never counts.
    expect(r.body).toMatchObject({
      status: 'ok',
      portalId: PORTAL,
      sampled: 14,
      newestAt: new Date(NOW).toISOString(),
      oldestAt: '2024-01-02T09:00:00.000Z',
      changedTouches: 3,
      changedRows: 1,
    });
    expect(r.body.rows[0]).toEqual({
      kind: 'email_click',
      source: null,
      medium: null,
      detail1: null,
      detail2: null,
      campaign: null,
      touches: 3,
      currentChannel: 'email',
      currentBy: { from: 'default', index: expect.any(Number) as number },
      proposedChannel: 'newsletter',
      proposedBy: { from: 'admin', index: 0 },
      changed: true,
      lastAt: '2024-05-30T12:00:00.000Z',
    });
    expect(r.body.rows.find((row) => row.source === 'PAID_SEARCH')).toMatchObject({
      kind: 'visit',
      medium: 'cpc',
      detail1: 'google',
      campaign: 'brand',
      touches: 1,
      currentChannel: 'paid_search',
      proposedChannel: 'paid_search',
      changed: false,
    });
    expect(r.body.rows.reduce((n, row) => n + row.touches, 0)).toBe(14);

    const other = await preview<ChannelPreviewBody>(newsletterRule, OTHER_PORTAL);
    expect(other.body).toMatchObject({ portalId: OTHER_PORTAL, sampled: 1, changedTouches: 0 });
    expect(other.body.rows.map((row) => row.currentChannel)).toEqual(['referral']);
  });

  it('samples only the touch kinds the saved settings count', async () => {
    const settings = createSettingsService({ store });
    const saved = await settings.save(PORTAL, { touchKinds: ['meeting'] }, 0);
    expect(saved.ok).toBe(true);
    const r = await preview<ChannelPreviewBody>({ channelRules: {} });
    expect(r.body.sampled).toBe(2);
    expect(r.body.rows).toEqual([
      expect.objectContaining({ kind: 'meeting', touches: 2, proposedChannel: 'sales_meeting' }),
    ]);
  });

  it('rejects invalid rules naming each field, and stores nothing', async () => {
    const r = await preview<ErrorBody>({
      channelRules: {
        rules: [
          { channel: 'Partner Sites', when: [{ field: 'medium', op: 'matches', value: '(' }] },
          { channel: 'ok', when: [] },
        ],
      },
      colour: 'red',
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ status: 'error', code: 'invalid_request' });
    expect(r.body.errors?.map((e) => e.field).sort()).toEqual([
      'channelRules.rules.0.channel',
      'channelRules.rules.0.when.0.value',
      'channelRules.rules.1.when',
      'colour',
    ]);
    expect(r.body.message).toMatch(/^No preview: /);
    expect(await store.currentSettings(PORTAL)).toBeUndefined();
  });

  it('names the missing rules and a body that is not an object', async () => {
    const missing = await preview<ErrorBody>({});
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { field: 'channelRules', message: expect.any(String) as string },
    ]);
    const list = await preview<ErrorBody>([1]);
    expect(list.status).toBe(400);
    expect(list.body.errors?.[0]?.field).toBe('(root)');
  });
});
