// The OAuth install flow's work (HUBSPOT.md §5), without its HTTP: the signed `state`, HubSpot's
// authorize URL, and completing an install — exchange the code, record the portal, store the
// refresh token sealed (AES-256-GCM, bound to the portal), mark it connected, start its sync.
// The route (server/routes/oauth.ts) keeps the cookies, the parameters and the answers.
//
// `state` is `<nonce>.<expiry>.<mac>` under a key derived from TOKEN_ENCRYPTION_KEY; the route
// also binds the nonce to the browser that started the install (a cookie).

import { timingSafeEqual } from 'node:crypto';
import {
  authorizeUrl,
  exchangeAuthorizationCode,
  HubSpotError,
  type AuthorizationGrant,
  type OAuthTokens,
} from '../hubspot/index.js';
import { err, ok, type Result } from '../kernel/index.js';
import { deriveKey, mac, markConnected, sealRefreshToken } from '../security/index.js';
import type { PortalInput, Store } from '../store/index.js';

export interface OAuthDeps {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  /** Origin of HubSpot's authorize page (https://app.hubspot.com; the sandbox's base URL). */
  readonly authorizeBase: string;
  /** The API origin whose /oauth/v1/token exchanges the code. */
  readonly hubspotBaseUrl: string;
  readonly scopes: readonly string[];
  readonly optionalScopes?: readonly string[];
  /** TOKEN_ENCRYPTION_KEY (32 bytes). */
  readonly encryptionKey: Buffer;
  /** The portal a fresh access token belongs to, with its details (account-info). */
  readonly describePortal: (accessToken: string) => Promise<Omit<PortalInput, 'appType'>>;
  /** After a successful install: the jobs layer starts the portal's first full sync. */
  readonly onConnected?: (portalId: number, tokens: OAuthTokens) => Promise<void>;
  readonly now?: () => number;
}

export const STATE_TTL_MS = 10 * 60_000;

export type InstallFailure = 'code_refused' | 'exchange_failed';

export interface OAuthInstall {
  /** The redirect URI is https: the state cookie must be Secure. */
  readonly secureCookie: boolean;
  /** HubSpot's authorize page for an install whose browser holds `nonce`. */
  authorizeUrl(nonce: string): string;
  /** Undefined when `state` is authentic, unexpired and carries `browserNonce`; else the problem. */
  checkState(state: string, browserNonce: string | undefined): string | undefined;
  /** Exchanges the code and records the connected portal. */
  complete(
    code: string,
  ): Promise<Result<{ readonly portalId: number; readonly scopes: number }, InstallFailure>>;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createOAuthInstall(
  store: Pick<Store, 'saveOAuthToken' | 'upsertPortal' | 'saveStreamStatus'>,
  deps: OAuthDeps,
): OAuthInstall {
  const now = deps.now ?? Date.now;
  const stateKey = deriveKey(deps.encryptionKey, 'oauth-state');
  const makeState = (nonce: string) => {
    const payload = `${nonce}.${now() + STATE_TTL_MS}`;
    return `${payload}.${mac(stateKey, payload)}`;
  };

  return {
    secureCookie: deps.redirectUri.startsWith('https:'),

    authorizeUrl: (nonce) =>
      authorizeUrl({
        authorizeBase: deps.authorizeBase,
        clientId: deps.clientId,
        redirectUri: deps.redirectUri,
        scopes: [...deps.scopes],
        optionalScopes: [...(deps.optionalScopes ?? [])],
        state: makeState(nonce),
      }),

    checkState(state, browserNonce) {
      const [nonce, expires, tag, ...rest] = state.split('.');
      if (nonce === undefined || expires === undefined || tag === undefined || rest.length > 0) {
        return 'state: malformed';
      }
      if (!sameText(tag, mac(stateKey, `${nonce}.${expires}`))) return 'state: not issued by us';
      if (!/^\d+$/.test(expires) || Number(expires) < now()) return 'state: expired, start again';
      if (browserNonce === undefined || !sameText(browserNonce, nonce)) {
        return 'state: this browser did not start the install, start again';
      }
      return undefined;
    },

    async complete(code) {
      let grant: AuthorizationGrant;
      try {
        grant = await exchangeAuthorizationCode({
          baseUrl: deps.hubspotBaseUrl,
          clientId: deps.clientId,
          clientSecret: deps.clientSecret,
          redirectUri: deps.redirectUri,
          code,
          clock: now,
        });
      } catch (e) {
        if (!(e instanceof HubSpotError)) throw e;
        const reason = e.details.category ?? e.kind;
        // BAD_CLIENT_ID is our configuration; 5xx/network are HubSpot's: neither is the user's.
        return e.kind === 'validation'
          ? err('code_refused', reason)
          : err('exchange_failed', reason);
      }
      const { tokens } = grant;
      const portal = await deps.describePortal(tokens.accessToken);
      if (grant.hubId !== undefined && grant.hubId !== portal.portalId) {
        throw new Error(
          `oauth: token hub_id ${grant.hubId} ≠ account-info portal ${portal.portalId}`,
        );
      }
      const { portalId, ...details } = portal;
      await store.upsertPortal(portalId, { ...details, appType: 'oauth' });
      await store.saveOAuthToken(portalId, {
        encryptedRefreshToken: sealRefreshToken(deps.encryptionKey, portalId, tokens.refreshToken),
        accessTokenExpiresAt: tokens.expiresAt,
        scopes: grant.scopes,
      });
      await markConnected(store, portalId, now());
      await deps.onConnected?.(portalId, tokens);
      return ok({ portalId, scopes: grant.scopes.length });
    },
  };
}
