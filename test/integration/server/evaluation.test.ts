// GET /api/v1/evaluation: the signed portal's latest stored model evaluation, through the real
// API router and read service on an SQLite store — first behind the test stand-in for the
// signature (api-fixture.ts), then in the production app behind the real signature check.

import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorBody, EvaluationBody } from '../../../extensions/domain/index.js';
import { appServer } from '../../../src/app/index.js';
import { listen } from '../../../src/server/app.js';
import { createLogger } from '../../../src/server/logger.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { composeWithStore } from '../../support/compose.js';
import { sampleEvaluation, sampleEvaluationJson } from '../../support/evaluation.js';
import { OTHER_PORTAL, PORTAL } from '../services/fixture.js';
import { mountApi, SIGNED_PORTAL_HEADER } from './api-fixture.js';
import { PORTAL as SIGNED_PORTAL, signedHeaders } from './fixture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function memoryStore(): Promise<Store> {
  const store = await openStore('sqlite::memory:');
  cleanups.push(() => store.close());
  return store;
}

const saved = { computedAt: 1_743_501_600_000, settingsVersion: 4 };

describe('GET /evaluation', () => {
  async function routes(store: Store) {
    const mounted = await mountApi(store);
    cleanups.push(() => mounted.close());
    return async (portalId: number, query = '') => {
      const res = await fetch(`${mounted.base}/evaluation${query}`, {
        headers: { [SIGNED_PORTAL_HEADER]: String(portalId) },
      });
      return {
        status: res.status,
        body: (await res.json()) as EvaluationBody,
        headers: res.headers,
      };
    };
  }

  it('says not_evaluated, and when it will be, before a worker stored one', async () => {
    const get = await routes(await memoryStore());
    const r = await get(PORTAL);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body.status).toBe('not_evaluated');
    if (r.body.status !== 'not_evaluated') return;
    expect(r.body.portalId).toBe(PORTAL);
    expect(r.body.reason).toMatch(/after the next recompute/);
  });

  it('serves exactly what was stored, for the signed portal only', async () => {
    const store = await memoryStore();
    await store.saveEvaluation(PORTAL, { ...saved, evaluation: sampleEvaluationJson() });
    const get = await routes(store);
    const r = await get(PORTAL);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      status: 'ok',
      portalId: PORTAL,
      ...saved,
      evaluation: sampleEvaluation(),
    });
    // The query's portalId is not the signed one: the other portal has none to show.
    const other = await get(OTHER_PORTAL, `?portalId=${String(PORTAL)}`);
    expect(other.body).toMatchObject({ status: 'not_evaluated', portalId: OTHER_PORTAL });
    // Reading changes nothing.
    expect(await store.latestEvaluation(PORTAL)).toEqual({
      ...saved,
      evaluation: sampleEvaluation(),
    });
    expect(await store.latestEvaluation(OTHER_PORTAL)).toBeUndefined();
  });
});

describe('GET /api/v1/evaluation behind the signature', () => {
  async function app() {
    const store = await memoryStore();
    await store.saveEvaluation(SIGNED_PORTAL, { ...saved, evaluation: sampleEvaluationJson() });
    const quiet = new Writable({
      write: (_c, _e, done) => {
        done();
      },
    });
    const server = appServer(await composeWithStore(store), {
      log: createLogger('silent', quiet),
      signingSecret: 'app-client-secret',
    });
    const running = await listen(server, 0, '127.0.0.1');
    cleanups.push(() => close(running.server));
    return running.url;
  }

  it('answers a signed request and refuses an unsigned or re-targeted one', async () => {
    const origin = await app();
    const url = `${origin}/api/v1/evaluation?portalId=${String(SIGNED_PORTAL)}`;
    const signed = await fetch(url, { headers: signedHeaders('GET', url) });
    expect(signed.status).toBe(200);
    expect(((await signed.json()) as EvaluationBody).status).toBe('ok');

    const unsigned = await fetch(url);
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as ErrorBody).status).toBe('error');
    const other = `${origin}/api/v1/evaluation?portalId=${String(SIGNED_PORTAL + 1)}`;
    expect((await fetch(other, { headers: signedHeaders('GET', url) })).status).toBe(401);
  });

  it('names portalId when it is missing, repeated or not a positive integer', async () => {
    const origin = await app();
    for (const query of ['', '?portalId=0', '?portalId=abc', `?portalId=1&portalId=2`]) {
      const url = `${origin}/api/v1/evaluation${query}`;
      const res = await fetch(url, { headers: signedHeaders('GET', url) });
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.errors?.map((e) => e.field)).toEqual(['portalId']);
    }
  });
});

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => {
      resolve();
    });
  });
}
