import { Router } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/store/index.js';
import { PORTAL, signedHeaders, start, type Running } from './fixture.js';

let app: Running | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('health', () => {
  it('answers liveness and readiness when the store is reachable', async () => {
    app = await start();
    for (const path of ['/healthz', '/readyz']) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    }
  });

  it('is not ready when the store does not answer, yet stays alive', async () => {
    const store = await openStore('sqlite::memory:');
    const down: Store = { ...store, ping: () => Promise.reject(new Error('connection refused')) };
    app = await start({ store: down });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const res = await fetch(`${app.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', message: 'store unreachable' });
  });

  it('is not ready while shutting down', async () => {
    app = await start({ deps: () => ({ shuttingDown: () => true }) });
    expect((await fetch(`${app.url}/readyz`)).status).toBe(503);
  });
});

describe('errors and request ids', () => {
  it('answers unknown routes with a JSON 404', async () => {
    app = await start();
    const res = await fetch(`${app.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ status: 'error', message: 'No route for GET /nope' });
  });

  it('never leaks a stack trace or an internal message', async () => {
    const api = Router();
    api.get('/boom', () => {
      throw new Error('db password is hunter2');
    });
    app = await start({ api });
    const target = `${app.url}/api/v1/boom?portalId=${PORTAL}`;
    const res = await fetch(target, { headers: signedHeaders('GET', target) });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      status: 'error',
      message: 'Internal error; see the server log for this request id',
    });
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('.ts:');
    const logged = app.logs.find((l) => l['msg'] === 'unhandled error');
    expect(logged?.['requestId']).toBe(res.headers.get('x-request-id'));
  });

  it('answers malformed JSON with 400 before any route runs', async () => {
    app = await start();
    const res = await fetch(`${app.url}/webhooks/hubspot`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '[{"eventId":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ status: 'error', message: 'body: not valid JSON' });
    expect(app.queued).toEqual([]);
  });

  it('echoes a sane X-Request-Id, replaces an unsafe one, and logs each request with it', async () => {
    app = await start();
    const given = await fetch(`${app.url}/healthz`, { headers: { 'X-Request-Id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const unsafe = await fetch(`${app.url}/healthz`, {
      headers: { 'X-Request-Id': 'a b"}{' },
    });
    const replaced = unsafe.headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    const access = app.logs.filter((l) => l['msg'] === 'request');
    expect(access.map((l) => l['requestId'])).toEqual(['abc-123', replaced]);
    expect(access[0]).toMatchObject({ method: 'GET', path: '/healthz', status: 200 });
  });
});
