import { Router } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { portalIdOf } from '../../../src/server/middleware/signature.js';
import {
  PORTAL,
  SECRET,
  signedHeaders,
  start,
  type Running,
  type StartOptions,
} from './fixture.js';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const FIVE_MIN = 300_000;

/** A stand-in for the real API: records what reached it. */
function probeApi() {
  const reached: { path: string; portalId: number; body: unknown }[] = [];
  const api = Router();
  api.get('/whoami', (req, res) => {
    reached.push({ path: req.path, portalId: portalIdOf(res), body: undefined });
    res.json({ portalId: portalIdOf(res) });
  });
  api.put('/settings', (req, res) => {
    reached.push({ path: req.path, portalId: portalIdOf(res), body: req.body as unknown });
    res.json({ saved: true });
  });
  return { api, reached };
}

let app: Running | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function setup(deps?: StartOptions['deps']) {
  const probe = probeApi();
  app = await start({ api: probe.api, now: () => NOW, ...(deps ? { deps } : {}) });
  return { ...probe, url: app.url };
}

describe('/api/v1 behind the v3 signature', () => {
  it('passes a valid, fresh signature and scopes the request to the signed portal', async () => {
    const { url, reached } = await setup();
    const target = `${url}/api/v1/whoami?portalId=${PORTAL}&userEmail=a%40b.test`;
    const res = await fetch(target, { headers: signedHeaders('GET', target, '', NOW) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ portalId: PORTAL });
    expect(reached).toEqual([{ path: '/whoami', portalId: PORTAL, body: undefined }]);
  });

  it('accepts timestamps up to 5 minutes old or ahead', async () => {
    const { url } = await setup();
    const target = `${url}/api/v1/whoami?portalId=${PORTAL}`;
    for (const ts of [NOW - FIVE_MIN, NOW + FIVE_MIN]) {
      const res = await fetch(target, { headers: signedHeaders('GET', target, '', ts) });
      expect(res.status).toBe(200);
    }
  });

  it('answers 401 and reaches no route when the signature is missing, wrong, stale, future or for another URL', async () => {
    const { url, reached } = await setup();
    const target = `${url}/api/v1/whoami?portalId=${PORTAL}`;
    const cases: [string, string, Record<string, string>][] = [
      ['missing', target, {}],
      ['timestamp only', target, { 'X-HubSpot-Request-Timestamp': String(NOW) }],
      ['wrong secret', target, signedHeaders('GET', target, '', NOW, 'not-the-secret')],
      ['stale', target, signedHeaders('GET', target, '', NOW - FIVE_MIN - 1)],
      ['future', target, signedHeaders('GET', target, '', NOW + FIVE_MIN + 1)],
      ['other method', target, signedHeaders('POST', target, '', NOW)],
      [
        'replayed with another portal id',
        `${url}/api/v1/whoami?portalId=${PORTAL + 1}`,
        signedHeaders('GET', target, '', NOW),
      ],
      [
        'replayed on another path',
        `${url}/api/v1/whoami/?portalId=${PORTAL}`,
        signedHeaders('GET', target, '', NOW),
      ],
    ];
    for (const [name, sent, headers] of cases) {
      const res = await fetch(sent, { headers });
      expect(res.status, name).toBe(401);
      const body = (await res.json()) as { status: string; message: string };
      expect(body.status, name).toBe('error');
      expect(body.message, name).toMatch(/^Request signature rejected: /);
    }
    expect(reached).toEqual([]);
  });

  it('signs the raw body: a changed body is refused before the route reads it', async () => {
    const { url, reached } = await setup();
    const target = `${url}/api/v1/settings?portalId=${PORTAL}`;
    const body = '{"model":"linear", "lookbackDays":90}';
    const headers = signedHeaders('PUT', target, body, NOW);
    const tampered = await fetch(target, {
      method: 'PUT',
      headers,
      body: '{"model":"linear","lookbackDays":90}', // same JSON, other bytes
    });
    expect(tampered.status).toBe(401);
    expect(reached).toEqual([]);
    const res = await fetch(target, { method: 'PUT', headers, body });
    expect(res.status).toBe(200);
    expect(reached).toEqual([
      { path: '/settings', portalId: PORTAL, body: { model: 'linear', lookbackDays: 90 } },
    ]);
  });

  it('verifies against the public URL from X-Forwarded-Proto/Host, else PUBLIC_URL', async () => {
    const { url } = await setup(() => ({ publicOrigin: 'https://public.example.com' }));
    const path = `/api/v1/whoami?portalId=${PORTAL}`;
    const proxied = `https://api.example.com${path}`;
    const viaProxy = await fetch(`${url}${path}`, {
      headers: {
        ...signedHeaders('GET', proxied, '', NOW),
        'X-Forwarded-Proto': 'https',
        'X-Forwarded-Host': 'api.example.com, internal.lb',
      },
    });
    expect(viaProxy.status).toBe(200);
    const configured = `https://public.example.com${path}`;
    const viaConfig = await fetch(`${url}${path}`, {
      headers: signedHeaders('GET', configured, '', NOW),
    });
    expect(viaConfig.status).toBe(200);
    // The socket's own URL is not what HubSpot signed once a public origin is configured.
    const direct = await fetch(`${url}${path}`, {
      headers: signedHeaders('GET', `${url}${path}`, '', NOW),
    });
    expect(direct.status).toBe(401);
  });

  it('answers 400 naming portalId when the signed URL has none, a bad one or two', async () => {
    const { url, reached } = await setup();
    for (const query of ['', '?portalId=abc', '?portalId=0', '?portalId=1&portalId=2']) {
      const target = `${url}/api/v1/whoami${query}`;
      const res = await fetch(target, { headers: signedHeaders('GET', target, '', NOW) });
      expect(res.status, query).toBe(400);
      expect(await res.json(), query).toMatchObject({
        status: 'error',
        errors: [{ field: 'portalId' }],
      });
    }
    expect(reached).toEqual([]);
  });

  it('refuses every signed request when no client secret is configured', async () => {
    const { url, reached } = await setup(() => ({ signingSecret: undefined }));
    const target = `${url}/api/v1/whoami?portalId=${PORTAL}`;
    const res = await fetch(target, { headers: signedHeaders('GET', target, '', NOW, SECRET) });
    expect(res.status).toBe(401);
    expect(reached).toEqual([]);
  });

  it('logs why a signature was rejected, without the query', async () => {
    await setup();
    const target = `${app!.url}/api/v1/whoami?portalId=${PORTAL}&userEmail=a%40b.test`;
    await fetch(target, { headers: signedHeaders('GET', target, '', NOW - FIVE_MIN - 1) });
    const line = app!.logs.find((l) => l['msg'] === 'request signature rejected');
    expect(line).toMatchObject({ reason: 'stale_timestamp', path: '/api/v1/whoami' });
    expect(JSON.stringify(app!.logs)).not.toContain('a%40b.test');
  });
});
