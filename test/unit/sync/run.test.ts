// The sync's outcomes per stream, with readers that fail on purpose: a missing optional scope
// skips the stream, a 404 resets it for a full re-read, other streams carry on.

import { describe, expect, it } from 'vitest';
import { portalClassifier } from '../../../src/channels/index.js';
import { HubSpotError } from '../../../src/hubspot/api.js';
import type { HubSpotObject } from '../../../src/hubspot/types.js';
import { openStore } from '../../../src/store/index.js';
import type { SyncReaders } from '../../../src/sync/context.js';
import { runSync } from '../../../src/sync/run.js';

const T = Date.parse('2025-05-01T00:00:00Z');
const contact = (id: string): HubSpotObject => ({
  id,
  properties: {
    email: `${id}@x.test`,
    createdate: String(T),
    hs_analytics_source: 'DIRECT_TRAFFIC',
  },
  createdAt: T,
  updatedAt: T,
  archived: false,
});

function readers(fail: { list?: HubSpotError; email?: HubSpotError }): SyncReaders {
  let calls = 0;
  const call = <R>(r: R): Promise<R> => {
    calls++;
    return Promise.resolve(r);
  };
  return {
    list: (type, o) => {
      if (fail.list && type === 'deals') return Promise.reject(fail.list);
      return call({
        items: type === 'contacts' && !o.archived ? [contact('1'), contact('2')] : [],
        malformed: 0,
      });
    },
    batchRead: () => call({ items: [], missing: [] }),
    get: () => call(undefined),
    search: () => call({ items: [], malformed: 0 }),
    associations: () => call(new Map()),
    bounds: () => call({ total: 2, latest: T }),
    pipelines: () => call([]),
    emailEvents: () =>
      fail.email ? Promise.reject(fail.email) : call({ items: [], malformed: 0 }),
    marketingEvents: () => call({ items: [], malformed: 0 }),
    participations: () => call({ items: [], malformed: 0 }),
    calls: () => calls,
  };
}

const stats = () => ({ calls: 0, rateLimited: 0, retries: 0, byLabel: {} });

describe('runSync outcomes', () => {
  it('a missing optional scope skips the stream; the run is still complete', async () => {
    const store = await openStore('sqlite::memory:');
    const r = readers({
      email: new HubSpotError('missing_scope', 'no scope', { scopes: ['content'] }),
    });
    const summary = await runSync({
      store,
      portalId: 1,
      readers: () => r,
      apiStats: stats,
      rules: portalClassifier(),
    });
    expect(summary.ok).toBe(true);
    expect(summary.streams['email_events']).toMatchObject({
      status: 'skipped',
      error: { kind: 'missing_scope', message: 'no scope (scopes: content)' },
    });
    expect(summary.streams['contacts']).toMatchObject({ status: 'ok', records: 2 });
    const status = await store.streamStatuses(1);
    expect(status.find((s) => s.stream === 'email_events')?.lastError?.kind).toBe('missing_scope');
    await store.close();
  });

  it('a 404 fails the stream, keeps the others, and resets it for a full re-read', async () => {
    const store = await openStore('sqlite::memory:');
    const summary = await runSync({
      store,
      portalId: 1,
      readers: () => readers({ list: new HubSpotError('not_found', 'gone', { status: 404 }) }),
      apiStats: stats,
      rules: portalClassifier(),
    });
    expect(summary.ok).toBe(false);
    expect(summary.streams['deals']).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found' },
    });
    expect(summary.streams['contacts']?.status).toBe('ok');
    expect((await store.getCheckpoint(1, 'deals'))?.cursor).toBeNull();
    // The next run starts the stream over and, with HubSpot answering again, completes it.
    const again = await runSync({
      store,
      portalId: 1,
      readers: () => readers({}),
      apiStats: stats,
      rules: portalClassifier(),
    });
    expect(again.streams['deals']).toMatchObject({ status: 'ok', mode: 'full' });
    await store.close();
  });
});
