// The production app (appServer over the composition root) with the real API router and services: the signature check
// stands in front of every /api/v1 route, and the signed portal is the one the API serves.

import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { appServer } from '../../../src/app/index.js';
import { listen } from '../../../src/server/app.js';
import { createLogger } from '../../../src/server/logger.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { composeWithStore } from '../../support/compose.js';
import { PORTAL, SECRET, signedHeaders } from './fixture.js';

let server: Server | undefined;
let store: Store | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => {
    if (server)
      server.close(() => {
        resolve();
      });
    else resolve();
  });
  await store?.close();
  server = store = undefined;
});

async function setup() {
  store = await openStore('sqlite::memory:');
  const recomputes: number[] = [];
  const app = appServer(await composeWithStore(store), {
    log: createLogger(
      'silent',
      new Writable({
        write: (_c, _e, done) => {
          done();
        },
      }),
    ),
    signingSecret: SECRET,
    requestRecompute: (portalId) => {
      recomputes.push(portalId);
    },
  });
  const running = await listen(app, 0, '127.0.0.1');
  server = running.server;
  return { url: running.url, recomputes, store };
}

describe('createServer: the API behind the signature', () => {
  it('serves the signed portal and refuses unsigned or re-targeted requests without effect', async () => {
    const { url, recomputes, store } = await setup();
    const settingsUrl = `${url}/api/v1/settings?portalId=${PORTAL}`;
    const read = await fetch(settingsUrl, { headers: signedHeaders('GET', settingsUrl) });
    expect(read.status).toBe(200);
    const current = (await read.json()) as { settings: unknown };

    const body = JSON.stringify({ expectedVersion: 0, settings: current.settings });
    const unsigned = await fetch(settingsUrl, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(401);
    const otherPortal = `${url}/api/v1/settings?portalId=${PORTAL + 1}`;
    const retargeted = await fetch(otherPortal, {
      method: 'PUT',
      headers: signedHeaders('PUT', settingsUrl, body),
      body,
    });
    expect(retargeted.status).toBe(401);
    expect(await store.currentSettings(PORTAL)).toBeUndefined();
    expect(await store.currentSettings(PORTAL + 1)).toBeUndefined();

    const recomputeUrl = `${url}/api/v1/recompute?portalId=${PORTAL}`;
    expect((await fetch(recomputeUrl, { method: 'POST' })).status).toBe(401);
    expect(recomputes).toEqual([]);
    const queued = await fetch(recomputeUrl, {
      method: 'POST',
      headers: signedHeaders('POST', recomputeUrl),
    });
    expect(queued.status).toBe(202);
    expect(recomputes).toEqual([PORTAL]);

    const saved = await fetch(settingsUrl, {
      method: 'PUT',
      headers: signedHeaders('PUT', settingsUrl, body),
      body,
    });
    expect(saved.status).toBe(200);
    expect((await store.currentSettings(PORTAL))?.version).toBe(1);
  });
});
