// OAuth 2 with HubSpot (HUBSPOT.md §5, hubspot-behavior.md #12): the authorize URL and code
// exchange of the install flow, and a TokenProvider that renews the 30-minute access token from
// the refresh token — early, once for all concurrent callers, keeping any new refresh token and
// handing every new pair to `onTokens` so the caller can persist it (encrypted).

import { Client } from '@hubspot/api-client';
import { z } from 'zod';
import { HubSpotError } from './api.js';
import type { TokenProvider } from './auth.js';

export interface OAuthTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** ms since epoch */
  readonly expiresAt: number;
}

export interface OAuthApp {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Server root for `/oauth/v1/token`; default `https://api.hubapi.com`. */
  readonly baseUrl?: string | undefined;
}

const App = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
});

const TokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
  hub_id: z.number().int().optional(),
  scopes: z.array(z.string()).optional(),
});

const OAuthErrorBody = z.object({ status: z.string().optional(), message: z.string().optional() });

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new Error(
    r.error.issues.map((i) => `${what}.${i.path.join('.')}: ${i.message}`).join('; '),
  );
}

/** POST /oauth/v1/token with a form body; HubSpot's 400 statuses become HubSpotErrors. */
async function tokenGrant(
  app: OAuthApp,
  form: Record<string, string>,
  now: number,
): Promise<{
  tokens: Omit<OAuthTokens, 'refreshToken'> & { refreshToken?: string };
  hubId?: number;
  scopes?: readonly string[];
}> {
  const client = new Client({ basePath: app.baseUrl ?? 'https://api.hubapi.com' });
  let res;
  try {
    res = await client.apiRequest({
      method: 'POST',
      path: '/oauth/v1/token',
      authType: 'none',
      defaultJson: false,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams({
        ...form,
        client_id: app.clientId,
        client_secret: app.clientSecret,
      }).toString(),
    });
  } catch (cause) {
    throw new HubSpotError('network', 'token request failed', { cause });
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (res.status === 200) {
    const parsed = TokenResponse.safeParse(body);
    if (!parsed.success)
      throw new HubSpotError('malformed_response', `token response: ${parsed.error.message}`, {
        status: 200,
      });
    const t = parsed.data;
    return {
      tokens: {
        accessToken: t.access_token,
        ...(t.refresh_token === undefined ? {} : { refreshToken: t.refresh_token }),
        expiresAt: now + t.expires_in * 1000,
      },
      ...(t.hub_id === undefined ? {} : { hubId: t.hub_id }),
      ...(t.scopes === undefined ? {} : { scopes: t.scopes }),
    };
  }
  const err = OAuthErrorBody.safeParse(body);
  const status = err.success ? err.data.status : undefined;
  const message =
    `token request: ${res.status} ${status ?? ''} ${err.success ? (err.data.message ?? '') : ''}`.trim();
  const details = {
    status: res.status,
    ...(status === undefined ? {} : { category: status }),
    body,
  };
  if (res.status >= 500 || res.status === 429) throw new HubSpotError('server', message, details);
  // BAD_REFRESH_TOKEN, BAD_CLIENT_ID: only the user (or the operator) can fix these.
  if (status === 'BAD_REFRESH_TOKEN' || status === 'BAD_CLIENT_ID' || res.status === 401)
    throw new HubSpotError('needs_reconnect', message, details);
  throw new HubSpotError('validation', message, details);
}

export interface OAuthProviderOptions extends OAuthApp {
  /** The stored pair; an empty access token or a past `expiresAt` refreshes on first use. */
  readonly tokens: OAuthTokens;
  /** Persist each new pair (awaited before the new token is used). */
  readonly onTokens?: (tokens: OAuthTokens) => void | Promise<void>;
  /** Refresh this long before expiry (default 5 minutes). */
  readonly refreshMarginMs?: number;
  readonly clock?: () => number;
}

export function createOAuthTokenProvider(options: OAuthProviderOptions): TokenProvider {
  const app = check(App, options, 'oauth');
  check(z.object({ refreshToken: z.string().min(1) }), options.tokens, 'oauth.tokens');
  const clock = options.clock ?? Date.now;
  const margin = options.refreshMarginMs ?? 5 * 60_000;
  let current = options.tokens;
  let inFlight: Promise<string> | undefined;

  const refresh = (): Promise<string> => {
    inFlight ??= (async () => {
      let granted;
      try {
        granted = await tokenGrant(
          app,
          { grant_type: 'refresh_token', refresh_token: current.refreshToken },
          clock(),
        );
      } catch (error) {
        if (error instanceof HubSpotError && error.kind === 'needs_reconnect') throw error;
        // HubSpot was unreachable or confused: the token is expired for now, retry later.
        throw new HubSpotError('auth_expired', 'the access token could not be refreshed', {
          cause: error,
        });
      }
      // HubSpot may rotate the refresh token; keep the old one when it does not send one.
      const next: OAuthTokens = {
        accessToken: granted.tokens.accessToken,
        refreshToken: granted.tokens.refreshToken ?? current.refreshToken,
        expiresAt: granted.tokens.expiresAt,
      };
      await options.onTokens?.(next);
      current = next;
      return next.accessToken;
    })().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    token: () =>
      inFlight ??
      (current.accessToken === '' || clock() >= current.expiresAt - margin
        ? refresh()
        : Promise.resolve(current.accessToken)),
    refresh,
  };
}

export interface AuthorizationGrant {
  readonly tokens: OAuthTokens;
  /** The installing portal. */
  readonly hubId: number | undefined;
  readonly scopes: readonly string[];
}

/** Install flow, step 2: trade the `code` HubSpot sent to the redirect URL for tokens. */
export async function exchangeAuthorizationCode(
  options: OAuthApp & {
    readonly code: string;
    readonly redirectUri: string;
    readonly clock?: () => number;
  },
): Promise<AuthorizationGrant> {
  const app = check(App, options, 'oauth');
  const input = check(
    z.object({ code: z.string().min(1), redirectUri: z.url() }),
    options,
    'oauth',
  );
  const granted = await tokenGrant(
    app,
    { grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri },
    (options.clock ?? Date.now)(),
  );
  if (granted.tokens.refreshToken === undefined)
    throw new HubSpotError('malformed_response', 'token response: no refresh_token', {});
  return {
    tokens: { ...granted.tokens, refreshToken: granted.tokens.refreshToken },
    hubId: granted.hubId,
    scopes: granted.scopes ?? [],
  };
}

const AuthorizeInput = z.object({
  clientId: z.string().min(1),
  redirectUri: z.url(),
  scopes: z.array(z.string().min(1)).min(1),
  optionalScopes: z.array(z.string().min(1)).optional(),
  state: z.string().min(1),
  /** Default `https://app.hubspot.com`; the sandbox serves `/oauth/authorize` at its base URL. */
  authorizeBase: z.url().optional(),
});

/**
 * Install flow, step 1: where to send the user. `scope` must equal the app's requiredScopes,
 * space-separated (%20); optional scopes go in `optional_scope`; `state` guards against CSRF.
 */
export function authorizeUrl(input: z.input<typeof AuthorizeInput>): string {
  const i = check(AuthorizeInput, input, 'authorize');
  const params: [string, string][] = [
    ['client_id', i.clientId],
    ['redirect_uri', i.redirectUri],
    ['scope', i.scopes.join(' ')],
    ...(i.optionalScopes && i.optionalScopes.length > 0
      ? [['optional_scope', i.optionalScopes.join(' ')] as [string, string]]
      : []),
    ['state', i.state],
  ];
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${(i.authorizeBase ?? 'https://app.hubspot.com').replace(/\/$/, '')}/oauth/authorize?${query}`;
}
