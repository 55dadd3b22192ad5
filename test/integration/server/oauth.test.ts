import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HubSpotError } from '../../../src/hubspot/api.js';
import { createOAuthTokenProvider } from '../../../src/hubspot/oauth.js';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index.js';
import { markNeedsReconnect, needsReconnect } from '../../../src/security/connection.js';
import { openRefreshToken } from '../../../src/security/refresh-token.js';
import type { AppParts } from '../../../src/server/app.js';
import { createOAuthInstall } from '../../../src/usecases/index.js';
import { start, type Running } from './fixture.js';

const KEY = randomBytes(32);
const SCOPES = ['oauth', 'crm.objects.deals.read', 'crm.objects.contacts.read'];

let app: Running | undefined;
let sandbox: RunningSandbox | undefined;
afterEach(async () => {
  await app?.close();
  await sandbox?.close();
  app = sandbox = undefined;
});

async function setup(clock: { now: number } = { now: Date.now() }) {
  sandbox = await startSandbox({ app: 'oauth', log: () => undefined });
  const sb = sandbox;
  const connected: number[] = [];
  app = await start({
    deps: (url, store): Partial<AppParts> => ({
      oauth: createOAuthInstall(store, {
        clientId: sb.clientId,
        clientSecret: sb.clientSecret,
        redirectUri: `${url}/oauth/callback`,
        authorizeBase: sb.baseUrl,
        hubspotBaseUrl: sb.baseUrl,
        scopes: SCOPES,
        encryptionKey: KEY,
        now: () => clock.now,
        // What the composition root does with the HubSpot layer's account-info reader.
        describePortal: async (accessToken) => {
          const res = await fetch(`${sb.baseUrl}/account-info/v3/details`, {
            headers: { authorization: `Bearer ${accessToken}` },
          });
          const info = (await res.json()) as {
            portalId: number;
            timeZone: string;
            companyCurrency: string;
          };
          return {
            portalId: info.portalId,
            name: `Portal ${info.portalId}`,
            timeZone: info.timeZone,
            currency: info.companyCurrency,
            tier: 'professional',
          };
        },
        onConnected: (portalId) => {
          connected.push(portalId);
          return Promise.resolve();
        },
      }),
    }),
  });
  return { sb, connected, url: app.url };
}

/** /oauth/install → HubSpot's (the sandbox's) authorize page → back: the callback URL + cookie. */
async function authorize(url: string) {
  const install = await fetch(`${url}/oauth/install`, { redirect: 'manual' });
  expect(install.status).toBe(302);
  const cookie = install.headers.get('set-cookie')!.split(';')[0]!;
  const authorizeAt = new URL(install.headers.get('location')!);
  const approved = await fetch(authorizeAt, { redirect: 'manual' });
  expect(approved.status).toBe(302);
  return { authorizeAt, callback: new URL(approved.headers.get('location')!), cookie };
}

describe('OAuth install', () => {
  it('redirects to the authorize page, exchanges the code and stores the refresh token sealed', async () => {
    const { sb, connected, url } = await setup();
    const { authorizeAt, callback, cookie } = await authorize(url);
    expect(authorizeAt.origin + authorizeAt.pathname).toBe(`${sb.baseUrl}/oauth/authorize`);
    expect(authorizeAt.searchParams.get('client_id')).toBe(sb.clientId);
    expect(authorizeAt.searchParams.get('scope')).toBe(SCOPES.join(' '));
    expect(authorizeAt.searchParams.get('redirect_uri')).toBe(`${url}/oauth/callback`);
    expect(cookie).toMatch(/^hs_oauth_nonce=/);

    const res = await fetch(callback, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`HubSpot account ${sb.portalId}`);

    const stored = await app!.store.getOAuthToken(sb.portalId);
    expect(stored?.scopes).toEqual(SCOPES);
    expect(stored?.encryptedRefreshToken).toMatch(/^v1\./);
    expect(stored?.encryptedRefreshToken).not.toContain('na1-');
    const refreshToken = openRefreshToken(KEY, sb.portalId, stored!.encryptedRefreshToken);
    expect(refreshToken.ok).toBe(true);
    // The stored token is the real one: it renews an access token at HubSpot (the sandbox).
    const provider = createOAuthTokenProvider({
      clientId: sb.clientId,
      clientSecret: sb.clientSecret,
      baseUrl: sb.baseUrl,
      tokens: {
        accessToken: '',
        refreshToken: refreshToken.ok ? refreshToken.value : '',
        expiresAt: 0,
      },
    });
    expect(await provider.token()).toMatch(/^CO/);

    expect(await app!.store.getPortal(sb.portalId)).toMatchObject({
      appType: 'oauth',
      tier: 'professional',
    });
    expect(connected).toEqual([sb.portalId]);
    expect(await needsReconnect(app!.store, sb.portalId)).toBe(false);
  });

  it('refuses a callback without the browser cookie, with a forged or an expired state', async () => {
    const clock = { now: Date.now() };
    const { sb, url } = await setup(clock);
    const { callback, cookie } = await authorize(url);
    const forged = new URL(callback);
    const [nonce, expires] = forged.searchParams.get('state')!.split('.');
    forged.searchParams.set('state', `${nonce}.${Number(expires) + 3_600_000}.AAAA`);
    const cases: [string, URL, Record<string, string>][] = [
      ['no cookie', callback, {}],
      ['another browser', callback, { cookie: 'hs_oauth_nonce=someone-else' }],
      ['forged state', forged, { cookie }],
    ];
    for (const [name, target, headers] of cases) {
      const res = await fetch(target, { headers });
      expect(res.status, name).toBe(400);
      expect(await res.json(), name).toMatchObject({
        status: 'error',
        errors: [{ field: 'state' }],
      });
    }
    clock.now += 10 * 60_000 + 1;
    const late = await fetch(callback, { headers: { cookie } });
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ message: 'state: expired, start again' });
    expect(await app!.store.getOAuthToken(sb.portalId)).toBeUndefined();
    expect(await app!.store.getPortal(sb.portalId)).toBeUndefined();
  });

  it('answers 400 for a missing code, a refused authorization and a reused code', async () => {
    const { sb, url } = await setup();
    const missing = await fetch(`${url}/oauth/callback?state=x`);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      errors: [{ field: 'code', message: 'required' }],
    });
    const denied = await fetch(
      `${url}/oauth/callback?error=access_denied&error_description=User+said+no`,
    );
    expect(denied.status).toBe(400);
    expect(await denied.json()).toMatchObject({
      message: 'HubSpot did not authorize the app: User said no',
    });

    const { callback, cookie } = await authorize(url);
    expect((await fetch(callback, { headers: { cookie } })).status).toBe(200);
    // A second use of the same code (and state): HubSpot answers BAD_AUTH_CODE.
    const again = await fetch(callback, { headers: { cookie } });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { message: string }).message).toContain('BAD_AUTH_CODE');
    expect((await app!.store.getOAuthToken(sb.portalId))?.encryptedRefreshToken).toMatch(/^v1\./);
  });

  it('marks a portal needs-reconnect when its refresh token is refused, until it installs again', async () => {
    const { sb, url } = await setup();
    const { callback, cookie } = await authorize(url);
    await fetch(callback, { headers: { cookie } });
    // An uninstall revokes the refresh token; the next refresh answers BAD_REFRESH_TOKEN.
    const provider = createOAuthTokenProvider({
      clientId: sb.clientId,
      clientSecret: sb.clientSecret,
      baseUrl: sb.baseUrl,
      tokens: { accessToken: '', refreshToken: 'na1-revoked', expiresAt: 0 },
    });
    const failure: unknown = await provider.token().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HubSpotError);
    expect((failure as HubSpotError).kind).toBe('needs_reconnect');
    // What the jobs layer does with that error:
    await markNeedsReconnect(app!.store, sb.portalId, (failure as HubSpotError).message);
    expect(await needsReconnect(app!.store, sb.portalId)).toBe(true);
    // The status endpoint shows it beside the sync streams.
    const statuses = await app!.store.streamStatuses(sb.portalId);
    expect(statuses.find((s) => s.stream === 'connection')?.lastError?.kind).toBe(
      'needs_reconnect',
    );
    const again = await authorize(url);
    expect((await fetch(again.callback, { headers: { cookie: again.cookie } })).status).toBe(200);
    expect(await needsReconnect(app!.store, sb.portalId)).toBe(false);
  });
});
