import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { HubSpotError } from '../../../src/hubspot/api.js';
import { staticToken } from '../../../src/hubspot/auth.js';
import {
  authorizeUrl,
  createOAuthTokenProvider,
  exchangeAuthorizationCode,
  type OAuthTokens,
} from '../../../src/hubspot/oauth.js';
import { BASE, JSON_HEADERS, testApi, useNock } from './nock-api.js';

useNock();

const EXPIRED = {
  status: 'error',
  message: 'The OAuth token used to make this call expired 75 second(s) ago.',
  correlationId: 'c-1',
  category: 'EXPIRED_AUTHENTICATION',
};
const app = { clientId: 'cid', clientSecret: 'secret', baseUrl: BASE };
const grant = (access: string, refresh?: string) => ({
  token_type: 'bearer',
  access_token: access,
  ...(refresh === undefined ? {} : { refresh_token: refresh }),
  expires_in: 1800,
  hub_id: 62515,
  scopes: ['oauth'],
  token_use: 'access_token',
});

describe('OAuth token provider', () => {
  it('refreshes with a form-encoded refresh_token grant and keeps a rotated refresh token', async () => {
    nock(BASE, { reqheaders: { 'content-type': /application\/x-www-form-urlencoded/ } })
      .post('/oauth/v1/token', {
        grant_type: 'refresh_token',
        refresh_token: 'na1-old',
        client_id: 'cid',
        client_secret: 'secret',
      })
      .reply(200, grant('AT-2', 'na1-new'), JSON_HEADERS);
    const saved: OAuthTokens[] = [];
    let now = 1_000_000;
    const tokens = createOAuthTokenProvider({
      ...app,
      tokens: { accessToken: 'AT-1', refreshToken: 'na1-old', expiresAt: now + 1_800_000 },
      onTokens: (t) => {
        saved.push(t);
      },
      clock: () => now,
    });
    expect(await tokens.token()).toBe('AT-1');
    // Within five minutes of expiry: refreshed before use.
    now += 1_800_000 - 4 * 60_000;
    expect(await tokens.token()).toBe('AT-2');
    expect(saved).toEqual([
      { accessToken: 'AT-2', refreshToken: 'na1-new', expiresAt: now + 1_800_000 },
    ]);
  });

  it('keeps the old refresh token when HubSpot sends none', async () => {
    nock(BASE).post('/oauth/v1/token').reply(200, grant('AT-2'), JSON_HEADERS);
    nock(BASE)
      .post('/oauth/v1/token', (b: Record<string, string>) => b['refresh_token'] === 'na1-old')
      .reply(200, grant('AT-3'), JSON_HEADERS);
    const tokens = createOAuthTokenProvider({
      ...app,
      tokens: { accessToken: '', refreshToken: 'na1-old', expiresAt: 0 },
    });
    expect(await tokens.token()).toBe('AT-2');
    expect(await tokens.refresh()).toBe('AT-3');
  });

  it('turns BAD_REFRESH_TOKEN into needs_reconnect', async () => {
    nock(BASE).post('/oauth/v1/token').reply(
      400,
      {
        status: 'BAD_REFRESH_TOKEN',
        message: 'missing or invalid refresh token',
        error: 'invalid_grant',
        error_description: 'missing or invalid refresh token',
      },
      JSON_HEADERS,
    );
    const tokens = createOAuthTokenProvider({
      ...app,
      tokens: { accessToken: '', refreshToken: 'na1-bad', expiresAt: 0 },
    });
    await expect(tokens.token()).rejects.toMatchObject({
      kind: 'needs_reconnect',
      details: { category: 'BAD_REFRESH_TOKEN' },
    });
  });

  it('reports a failing token endpoint as auth_expired (retry later)', async () => {
    nock(BASE).post('/oauth/v1/token').reply(502, '<html>502</html>');
    const tokens = createOAuthTokenProvider({
      ...app,
      tokens: { accessToken: '', refreshToken: 'na1-x', expiresAt: 0 },
    });
    await expect(tokens.refresh()).rejects.toMatchObject({ kind: 'auth_expired' });
  });

  it('validates its options, naming the field', () => {
    expect(() =>
      createOAuthTokenProvider({
        ...app,
        clientId: '',
        tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: 0 },
      }),
    ).toThrow(/oauth\.clientId/);
    expect(() =>
      createOAuthTokenProvider({
        ...app,
        tokens: { accessToken: 'a', refreshToken: '', expiresAt: 0 },
      }),
    ).toThrow(/oauth\.tokens\.refreshToken/);
  });
});

describe('token refresh in the client', () => {
  it('refreshes once for many concurrent 401 EXPIRED_AUTHENTICATION answers and retries them', async () => {
    nock(BASE, { reqheaders: { authorization: 'Bearer AT-1' } })
      .get(/\/crm\/v3\/objects\/deals\/\d/)
      .times(5)
      .reply(401, EXPIRED, JSON_HEADERS);
    const refresh = nock(BASE)
      .post('/oauth/v1/token')
      .once()
      .reply(200, grant('AT-2', 'na1-2'), JSON_HEADERS);
    nock(BASE, { reqheaders: { authorization: 'Bearer AT-2' } })
      .get(/\/crm\/v3\/objects\/deals\/\d/)
      .times(5)
      .reply(200, (uri) => ({ uri }), JSON_HEADERS);
    const tokens = createOAuthTokenProvider({
      ...app,
      tokens: { accessToken: 'AT-1', refreshToken: 'na1-1', expiresAt: Date.now() + 1_800_000 },
    });
    const { api } = testApi({ tokens, concurrency: 5 });
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        api.request({ method: 'GET', path: `/crm/v3/objects/deals/${i}` }),
      ),
    );
    expect(results.map((r) => r.body)).toEqual(
      [1, 2, 3, 4, 5].map((i) => ({ uri: `/crm/v3/objects/deals/${i}` })),
    );
    refresh.done();
    expect(api.stats()).toMatchObject({ calls: 10, retries: 5 });
  });

  it('gives auth_expired when the refreshed token is rejected as expired too', async () => {
    nock(BASE).get('/x').twice().reply(401, EXPIRED, JSON_HEADERS);
    nock(BASE).post('/oauth/v1/token').reply(200, grant('AT-2'), JSON_HEADERS);
    const tokens = createOAuthTokenProvider({
      ...app,
      tokens: { accessToken: 'AT-1', refreshToken: 'na1-1', expiresAt: Date.now() + 1_800_000 },
    });
    const { api } = testApi({ tokens });
    await expect(api.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({
      kind: 'auth_expired',
    });
  });

  it('gives needs_reconnect for an expired private-app token (nothing to refresh)', async () => {
    nock(BASE).get('/x').reply(401, EXPIRED, JSON_HEADERS);
    const { api } = testApi({ tokens: staticToken('pat-1') });
    const e = await api.request({ method: 'GET', path: '/x' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HubSpotError);
    expect((e as HubSpotError).kind).toBe('needs_reconnect');
  });
});

describe('install flow', () => {
  it('builds the authorize URL with %20-separated scopes and state', () => {
    expect(
      authorizeUrl({
        clientId: 'cid',
        redirectUri: 'http://localhost:3000/oauth/callback',
        scopes: ['oauth', 'crm.objects.deals.read'],
        optionalScopes: ['content'],
        state: 's1',
      }),
    ).toBe(
      'https://app.hubspot.com/oauth/authorize?client_id=cid&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Foauth%2Fcallback' +
        '&scope=oauth%20crm.objects.deals.read&optional_scope=content&state=s1',
    );
    expect(() =>
      authorizeUrl({ clientId: 'cid', redirectUri: 'x', scopes: [], state: '' }),
    ).toThrow(/authorize\.redirectUri.*authorize\.scopes.*authorize\.state/);
  });

  it('exchanges a code for tokens, the portal id and scopes', async () => {
    nock(BASE)
      .post('/oauth/v1/token', {
        grant_type: 'authorization_code',
        code: 'c-1',
        redirect_uri: 'http://localhost:3000/cb',
        client_id: 'cid',
        client_secret: 'secret',
      })
      .reply(200, grant('AT-1', 'na1-1'), JSON_HEADERS);
    const g = await exchangeAuthorizationCode({
      ...app,
      code: 'c-1',
      redirectUri: 'http://localhost:3000/cb',
      clock: () => 1_000,
    });
    expect(g).toEqual({
      tokens: { accessToken: 'AT-1', refreshToken: 'na1-1', expiresAt: 1_000 + 1_800_000 },
      hubId: 62515,
      scopes: ['oauth'],
    });
  });

  it('reports a bad code as validation with the HubSpot status', async () => {
    nock(BASE)
      .post('/oauth/v1/token')
      .reply(
        400,
        { status: 'BAD_AUTH_CODE', message: 'missing or unknown auth code' },
        JSON_HEADERS,
      );
    await expect(
      exchangeAuthorizationCode({ ...app, code: 'used', redirectUri: 'http://localhost:3000/cb' }),
    ).rejects.toMatchObject({ kind: 'validation', details: { category: 'BAD_AUTH_CODE' } });
  });
});
