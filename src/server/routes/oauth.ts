// The OAuth install flow (HUBSPOT.md §5) for multi-portal use:
//   GET /oauth/install   → 302 to HubSpot's authorize page with a fresh `state`
//   GET /oauth/callback  → check `state`, exchange the code, store the refresh token sealed
//                          (AES-256-GCM, bound to the portal), record the portal, start its sync.
//
// CSRF: `state` is `<nonce>.<expiry>.<mac>` under a key derived from TOKEN_ENCRYPTION_KEY, and the
// nonce must also match a short-lived HttpOnly cookie set by /oauth/install, so a callback only
// completes in the browser that started it, within 10 minutes. Marketplace install links must
// therefore point at /oauth/install, not at HubSpot's authorize URL directly.
//
// Uninstalls: HubSpot sends none; see src/security/connection.ts.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { HubSpotError } from '../../hubspot/api.js';
import {
  authorizeUrl,
  exchangeAuthorizationCode,
  type AuthorizationGrant,
  type OAuthTokens,
} from '../../hubspot/oauth.js';
import { markConnected } from '../../security/connection.js';
import { deriveKey, mac } from '../../security/crypto.js';
import { sealRefreshToken } from '../../security/refresh-token.js';
import type { PortalInput, Store } from '../../store/index.js';
import type { Logger } from '../logger.js';
import { sendError } from '../middleware/errors.js';
import { requestLog } from '../middleware/request-context.js';

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
  /** After a successful install: the jobs layer seeds the portal's token provider with these
   *  tokens (saving a refresh) and starts its first full sync. */
  readonly onConnected?: (portalId: number, tokens: OAuthTokens) => Promise<void>;
  readonly now?: () => number;
}

const STATE_TTL_MS = 10 * 60_000;
const COOKIE = 'hs_oauth_nonce';

const param = (max: number) =>
  z
    .string({ error: (i) => (i.input === undefined ? 'required' : 'expected one value') })
    .min(1, 'required')
    .max(max, 'too long');
const Callback = z.object({ code: param(2000), state: param(500) });

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function oauthRoutes(
  deps: OAuthDeps,
  ctx: {
    readonly store: Pick<Store, 'saveOAuthToken' | 'upsertPortal' | 'saveStreamStatus'>;
    readonly log: Logger;
  },
): Router {
  const r = Router();
  const now = deps.now ?? Date.now;
  const stateKey = deriveKey(deps.encryptionKey, 'oauth-state');
  const secureCookie = deps.redirectUri.startsWith('https:');

  const makeState = (nonce: string) => {
    const payload = `${nonce}.${now() + STATE_TTL_MS}`;
    return `${payload}.${mac(stateKey, payload)}`;
  };

  /** The state's nonce when it is authentic, unexpired and bound to this browser. */
  const checkState = (req: Request, state: string): string | undefined => {
    const [nonce, expires, tag, ...rest] = state.split('.');
    if (nonce === undefined || expires === undefined || tag === undefined || rest.length > 0) {
      return 'state: malformed';
    }
    if (!sameText(tag, mac(stateKey, `${nonce}.${expires}`))) return 'state: not issued by us';
    if (!/^\d+$/.test(expires) || Number(expires) < now()) return 'state: expired, start again';
    const cookie = cookieOf(req, COOKIE);
    if (cookie === undefined || !sameText(cookie, nonce)) {
      return 'state: this browser did not start the install, start again';
    }
    return undefined;
  };

  r.get('/oauth/install', (_req, res) => {
    const nonce = randomBytes(16).toString('base64url');
    res.cookie(COOKIE, nonce, {
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookie,
      maxAge: STATE_TTL_MS,
      path: '/oauth',
    });
    res.redirect(
      302,
      authorizeUrl({
        authorizeBase: deps.authorizeBase,
        clientId: deps.clientId,
        redirectUri: deps.redirectUri,
        scopes: [...deps.scopes],
        optionalScopes: [...(deps.optionalScopes ?? [])],
        state: makeState(nonce),
      }),
    );
  });

  r.get('/oauth/callback', async (req, res) => {
    const log = requestLog(res, ctx.log);
    const q = req.query as Record<string, unknown>;
    if (typeof q['error'] === 'string') {
      const detail =
        typeof q['error_description'] === 'string' ? q['error_description'] : q['error'];
      sendError(res, 400, `HubSpot did not authorize the app: ${detail}`);
      return;
    }
    const parsed = Callback.safeParse(q);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({
        field: i.path.join('.'),
        message: i.message,
      }));
      sendError(res, 400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
      return;
    }
    const problem = checkState(req, parsed.data.state);
    if (problem !== undefined) {
      sendError(res, 400, problem, [{ field: 'state', message: problem.slice('state: '.length) }]);
      return;
    }
    res.clearCookie(COOKIE, { path: '/oauth' });
    let grant: AuthorizationGrant;
    try {
      grant = await exchangeAuthorizationCode({
        baseUrl: deps.hubspotBaseUrl,
        clientId: deps.clientId,
        clientSecret: deps.clientSecret,
        redirectUri: deps.redirectUri,
        code: parsed.data.code,
        clock: now,
      });
    } catch (e) {
      if (!(e instanceof HubSpotError)) throw e;
      log.warn({ kind: e.kind, category: e.details.category }, 'oauth code exchange failed');
      if (e.kind === 'validation') {
        sendError(
          res,
          400,
          `HubSpot refused the authorization code (${e.details.category ?? e.kind}); start the install again`,
        );
      } else {
        // BAD_CLIENT_ID is our configuration; 5xx/network are HubSpot's: neither is the user's.
        sendError(
          res,
          502,
          `The token exchange with HubSpot failed (${e.details.category ?? e.kind})`,
        );
      }
      return;
    }
    const { tokens } = grant;
    const portal = await deps.describePortal(tokens.accessToken);
    if (grant.hubId !== undefined && grant.hubId !== portal.portalId) {
      throw new Error(
        `oauth: token hub_id ${grant.hubId} ≠ account-info portal ${portal.portalId}`,
      );
    }
    const { portalId, ...details } = portal;
    await ctx.store.upsertPortal(portalId, { ...details, appType: 'oauth' });
    await ctx.store.saveOAuthToken(portalId, {
      encryptedRefreshToken: sealRefreshToken(deps.encryptionKey, portalId, tokens.refreshToken),
      accessTokenExpiresAt: tokens.expiresAt,
      scopes: grant.scopes,
    });
    await markConnected(ctx.store, portalId, now());
    log.info({ portalId, scopes: grant.scopes.length }, 'portal connected');
    await deps.onConnected?.(portalId, tokens);
    res
      .status(200)
      .type('text/plain')
      .send(
        `Deal Attribution is connected to HubSpot account ${portalId}. You can close this tab.`,
      );
  });
  return r;
}
