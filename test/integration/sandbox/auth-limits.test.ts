/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as codegen classes; HubSpot's own docs and examples pass object literals, as the app will. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Client } from '@hubspot/api-client';
import { start, type Running } from './fixture.js';

let sb: Running | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await sb?.close();
  sb = undefined;
});

const get = (path: string, token: string | undefined) =>
  fetch(`${sb!.baseUrl}${path}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });

describe('authentication', () => {
  it('answers 401 INVALID_AUTHENTICATION without or with an unknown token', async () => {
    sb = await start();
    for (const token of [undefined, 'nope']) {
      const res = await get('/crm/v3/objects/contacts', token);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        status: 'error',
        category: 'INVALID_AUTHENTICATION',
      });
      expect(res.headers.get('x-hubspot-correlation-id')).toBeTruthy();
    }
  });

  it('answers 401 EXPIRED_AUTHENTICATION with the age of an expired OAuth token', async () => {
    let now = 1_000_000;
    sb = await start({ app: 'oauth', clock: () => now });
    expect((await get('/crm/v3/objects/contacts', sb.accessToken)).status).toBe(200);
    now += 1800_000 + 75_000;
    const res = await get('/crm/v3/objects/contacts', sb.accessToken);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      category: 'EXPIRED_AUTHENTICATION',
      message: 'The OAuth token used to make this call expired 75 second(s) ago.',
    });
  });
});

describe('scopes', () => {
  it('enforces granular scopes with 403 MISSING_SCOPES naming the required scope', async () => {
    sb = await start({ scopes: ['crm.objects.contacts.read'] });
    expect((await sb.client.crm.contacts.basicApi.getPage()).results.length).toBeGreaterThan(0);
    // Engagements ride on the contacts scopes.
    await sb.client.crm.objects.calls.basicApi.getPage();
    const denied = sb.client.crm.deals.basicApi.getPage();
    await expect(denied).rejects.toMatchObject({
      code: 403,
      body: {
        category: 'MISSING_SCOPES',
        errors: [{ context: { requiredGranularScopes: ['crm.objects.deals.read'] } }],
      },
    });
    await expect(
      sb.client.crm.contacts.basicApi.update('1002', { properties: { firstname: 'x' } }),
    ).rejects.toMatchObject({ code: 403 });
    await expect(
      sb.client.crm.properties.groupsApi.create('contacts', { name: 'g', label: 'G' }),
    ).rejects.toMatchObject({
      code: 403,
      body: { errors: [{ context: { requiredGranularScopes: ['crm.schemas.contacts.write'] } }] },
    });
    const events = await sb.client.apiRequest({ method: 'GET', path: '/email/public/v1/events' });
    expect(events.status).toBe(403);
    await expect(
      sb.client.marketing.events.retrieveParticipantStateApi.getParticipationsBreakdownByContactId(
        '1002',
      ),
    ).rejects.toMatchObject({ code: 403 });
  });
});

describe('OAuth', () => {
  it('runs the authorization-code and refresh flows through the SDK', async () => {
    sb = await start({ app: 'oauth' });
    const redirect = 'http://localhost:3000/oauth/callback';
    const authorize = `${sb.baseUrl}/oauth/authorize?client_id=${sb.clientId}&scope=oauth%20crm.objects.contacts.read&redirect_uri=${encodeURIComponent(redirect)}&state=s1`;
    const res = await fetch(authorize, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(redirect);
    expect(location.searchParams.get('state')).toBe('s1');
    const code = location.searchParams.get('code')!;
    const tokens = await sb.client.oauth.tokensApi.create(
      'authorization_code',
      code,
      redirect,
      sb.clientId,
      sb.clientSecret,
    );
    expect(tokens).toMatchObject({ tokenType: 'bearer', expiresIn: 1800 });
    expect(tokens.refreshToken).toMatch(/^na1-/);
    const user = new Client({ accessToken: tokens.accessToken, basePath: sb.baseUrl });
    expect((await user.crm.contacts.basicApi.getPage(1)).results).toHaveLength(1);
    await expect(user.crm.deals.basicApi.getPage(1)).rejects.toMatchObject({ code: 403 });
    // A code is single use.
    await expect(
      sb.client.oauth.tokensApi.create(
        'authorization_code',
        code,
        redirect,
        sb.clientId,
        sb.clientSecret,
      ),
    ).rejects.toMatchObject({ code: 400, body: { status: 'BAD_AUTH_CODE' } });
    const refreshed = await sb.client.oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      sb.clientId,
      sb.clientSecret,
      tokens.refreshToken,
    );
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    const info = await (
      await fetch(`${sb.baseUrl}/oauth/v1/access-tokens/${refreshed.accessToken}`)
    ).json();
    expect(info).toMatchObject({ hub_id: 4242, scopes: ['oauth', 'crm.objects.contacts.read'] });
  });

  it('names the failure: BAD_REFRESH_TOKEN, BAD_CLIENT_ID, BAD_REDIRECT_URI', async () => {
    sb = await start({ app: 'oauth' });
    const tokens = sb.client.oauth.tokensApi;
    await expect(
      tokens.create(
        'refresh_token',
        undefined,
        undefined,
        sb.clientId,
        sb.clientSecret,
        'na1-bogus',
      ),
    ).rejects.toMatchObject({ body: { status: 'BAD_REFRESH_TOKEN', error: 'invalid_grant' } });
    await expect(
      tokens.create(
        'refresh_token',
        undefined,
        undefined,
        'other',
        sb.clientSecret,
        sb.refreshToken,
      ),
    ).rejects.toMatchObject({ body: { status: 'BAD_CLIENT_ID' } });
    const res = await fetch(
      `${sb.baseUrl}/oauth/authorize?client_id=${sb.clientId}&scope=oauth&redirect_uri=${encodeURIComponent('http://localhost/a')}`,
      { redirect: 'manual' },
    );
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    await expect(
      tokens.create('authorization_code', code, 'http://localhost/b', sb.clientId, sb.clientSecret),
    ).rejects.toMatchObject({ body: { status: 'BAD_REDIRECT_URI' } });
  });
});

describe('rate limits', () => {
  it('sends the private-app headers and 429s TEN_SECONDLY_ROLLING in a rolling window', async () => {
    let now = 0;
    sb = await start({ clock: () => now, limits: { burst: 3 } });
    const first = await get('/crm/v3/objects/contacts', sb.accessToken);
    expect(first.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(first.headers.get('x-hubspot-ratelimit-max')).toBe('3');
    expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBe('2');
    expect(first.headers.get('x-hubspot-ratelimit-daily')).toBe('625000');
    now = 5000;
    await get('/crm/v3/objects/contacts', sb.accessToken);
    await get('/crm/v3/objects/contacts', sb.accessToken);
    const limited = await get('/crm/v3/objects/contacts', sb.accessToken);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
    });
    now = 10_001; // the first request left the window, the two at 5 s did not
    expect((await get('/crm/v3/objects/contacts', sb.accessToken)).status).toBe(200);
    expect((await get('/crm/v3/objects/contacts', sb.accessToken)).status).toBe(429);
  });

  it('uses 110/10 s without daily headers for OAuth tokens', async () => {
    sb = await start({ app: 'oauth' });
    const res = await get('/crm/v3/objects/contacts', sb.accessToken);
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    expect(res.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
  });

  it('applies the tier burst: 100 on starter', async () => {
    const { smallPortal } = await import('./fixture.js');
    sb = await start({ portal: smallPortal({ tier: 'starter' }) });
    const res = await get('/crm/v3/objects/contacts', sb.accessToken);
    expect([
      res.headers.get('x-hubspot-ratelimit-max'),
      res.headers.get('x-hubspot-ratelimit-daily'),
    ]).toEqual(['100', '250000']);
  });

  it('429s DAILY and the SDK does not retry it', async () => {
    sb = await start({ limits: { daily: 2 } });
    const client = new Client({
      accessToken: sb.accessToken,
      basePath: sb.baseUrl,
      numberOfApiCallRetries: 3,
    });
    await client.crm.contacts.basicApi.getPage();
    await client.crm.contacts.basicApi.getPage();
    await expect(client.crm.contacts.basicApi.getPage()).rejects.toMatchObject({
      code: 429,
      body: { policyName: 'DAILY', message: 'You have reached your daily limit.' },
    });
    const stats = (await (await get('/_sandbox/stats', sb.accessToken)).json()) as {
      requests: Record<string, number>;
      rateLimited: number;
    };
    expect(stats.requests['GET /crm/v3/objects/:objectType']).toBe(3);
    expect(stats.rateLimited).toBe(1);
  });

  it('the SDK retries TEN_SECONDLY_ROLLING after its 10 s wait', async () => {
    let now = 0;
    sb = await start({ clock: () => now, limits: { burst: 1 } });
    const client = new Client({
      accessToken: sb.accessToken,
      basePath: sb.baseUrl,
      numberOfApiCallRetries: 2,
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await client.crm.contacts.basicApi.getPage();
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let settled = false;
    const p = client.crm.contacts.basicApi.getPage().finally(() => {
      settled = true;
    });
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by the promise
    for (let i = 0; i < 200 && !settled; i++) {
      now += 1000;
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect((await p).results.length).toBeGreaterThan(0);
    const stats = (await (await get('/_sandbox/stats', sb.accessToken)).json()) as {
      rateLimited: number;
    };
    expect(stats.rateLimited).toBe(1);
  });

  it('search: 5 requests/s, no rate-limit headers, secondly body the SDK retries', async () => {
    let now = 0;
    sb = await start({ clock: () => now });
    const search = () =>
      fetch(`${sb!.baseUrl}/crm/v3/objects/contacts/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sb!.accessToken}`, 'content-type': 'application/json' },
        body: '{}',
      });
    for (let i = 0; i < 5; i++) {
      const ok = await search();
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-hubspot-ratelimit-max')).toBeNull();
    }
    const limited = await search();
    expect(limited.status).toBe(429);
    const body = (await limited.json()) as Record<string, unknown>;
    expect(body['message']).toBe('You have reached your secondly limit.');
    expect(body['policyName']).toBeUndefined();
    const client = new Client({
      accessToken: sb.accessToken,
      basePath: sb.baseUrl,
      numberOfApiCallRetries: 2,
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let settled = false;
    const p = client.crm.contacts.searchApi.doSearch({ filterGroups: [], limit: 1 }).finally(() => {
      settled = true;
    });
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by the promise
    for (let i = 0; i < 50 && !settled; i++) {
      now += 250;
      await vi.advanceTimersByTimeAsync(250);
    }
    expect((await p).total).toBeGreaterThan(0);
  });
});
