// OAuth 2 as HubSpot runs it (HUBSPOT.md §5): an authorize page that auto-approves local flows
// and redirects back with `code` and `state`; POST /oauth/v1/token (form body) for the
// authorization_code and refresh_token grants with 30-minute access tokens and `na1-` refresh
// tokens; token info at GET /oauth/v1/access-tokens/{token}.

import { randomBytes, randomUUID } from 'node:crypto';
import express, { Router, type Response } from 'express';
import type { SandboxContext } from './context.js';
import { correlationId, send } from './errors.js';

export const ACCESS_TOKEN_SECONDS = 1800;
const CODE_TTL_MS = 10 * 60_000;

/** Issues an access + refresh token pair on the sandbox clock. */
export function issueOAuthTokens(
  ctx: SandboxContext,
  scopes: readonly string[],
  refreshToken = `na1-${randomUUID().slice(0, 4)}-${randomUUID()}`,
): { accessToken: string; refreshToken: string } {
  const accessToken = `CO${randomBytes(24).toString('base64url')}`;
  ctx.tokens.set(accessToken, {
    kind: 'oauth',
    scopes,
    expiresAt: ctx.config.clock() + ACCESS_TOKEN_SECONDS * 1000,
    refreshToken,
  });
  ctx.refreshTokens.set(refreshToken, scopes);
  return { accessToken, refreshToken };
}

function oauthError(res: Response, status: string, error: string, message: string): void {
  send(res, 400, {
    status,
    message,
    correlationId: correlationId(res),
    error,
    error_description: message,
  });
}

export function oauthRoutes(ctx: SandboxContext): Router {
  const r = Router();
  const { clientId, clientSecret, portal } = ctx.config;

  r.get('/oauth/authorize', (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    if (q['client_id'] !== clientId) {
      res
        .status(400)
        .type('text/html')
        .send('<h1>Authorization failed</h1><p>Unknown client_id.</p>');
      return;
    }
    const redirect = q['redirect_uri'];
    let target: URL;
    try {
      target = new URL(redirect ?? '');
    } catch {
      res
        .status(400)
        .type('text/html')
        .send('<h1>Authorization failed</h1><p>Invalid redirect_uri.</p>');
      return;
    }
    if (
      target.protocol !== 'https:' &&
      target.hostname !== 'localhost' &&
      target.hostname !== '127.0.0.1'
    ) {
      res
        .status(400)
        .type('text/html')
        .send(
          '<h1>Authorization failed</h1><p>redirect_uri must be https (http only for localhost).</p>',
        );
      return;
    }
    const scopes = [q['scope'], q['optional_scope']]
      .flatMap((s) => (s ?? '').split(/[\s+]+/))
      .filter((s) => s !== '');
    const code = randomUUID();
    ctx.codes.set(code, {
      redirectUri: redirect ?? '',
      scopes,
      expiresAt: ctx.config.clock() + CODE_TTL_MS,
    });
    target.searchParams.set('code', code);
    if (q['state'] !== undefined) target.searchParams.set('state', q['state']);
    // Local use: approve at once, as if the user clicked "Connect app".
    res.redirect(302, target.toString());
  });

  r.post('/oauth/v1/token', express.urlencoded({ extended: false }), (req, res) => {
    const b = (req.body ?? {}) as Record<string, string | undefined>;
    if (b['client_id'] !== clientId || b['client_secret'] !== clientSecret) {
      oauthError(res, 'BAD_CLIENT_ID', 'invalid_client', 'missing or unknown client id');
      return;
    }
    let scopes: readonly string[];
    let refresh: string | undefined;
    if (b['grant_type'] === 'authorization_code') {
      const grant = b['code'] === undefined ? undefined : ctx.codes.get(b['code']);
      if (!grant || grant.expiresAt < ctx.config.clock()) {
        oauthError(res, 'BAD_AUTH_CODE', 'invalid_grant', 'missing or unknown auth code');
        return;
      }
      if (b['redirect_uri'] !== grant.redirectUri) {
        oauthError(
          res,
          'BAD_REDIRECT_URI',
          'invalid_grant',
          'redirect_uri does not match the one used to authorize',
        );
        return;
      }
      ctx.codes.delete(b['code'] ?? '');
      scopes = grant.scopes;
    } else if (b['grant_type'] === 'refresh_token') {
      const known =
        b['refresh_token'] === undefined ? undefined : ctx.refreshTokens.get(b['refresh_token']);
      if (!known) {
        oauthError(res, 'BAD_REFRESH_TOKEN', 'invalid_grant', 'missing or unknown refresh token');
        return;
      }
      scopes = known;
      refresh = b['refresh_token'];
    } else {
      oauthError(
        res,
        'BAD_GRANT_TYPE',
        'unsupported_grant_type',
        `grant_type: unsupported "${b['grant_type'] ?? ''}"`,
      );
      return;
    }
    const issued = issueOAuthTokens(ctx, scopes, refresh);
    send(res, 200, {
      token_type: 'bearer',
      access_token: issued.accessToken,
      refresh_token: issued.refreshToken,
      expires_in: ACCESS_TOKEN_SECONDS,
      hub_id: portal.portalId,
      scopes,
      token_use: 'access_token',
    });
  });

  r.get('/oauth/v1/access-tokens/:token', (req, res) => {
    const info = ctx.tokens.get(req.params['token']);
    const now = ctx.config.clock();
    if (info?.kind !== 'oauth' || (info.expiresAt ?? 0) <= now) {
      send(res, 404, {
        status: 'error',
        message: 'Token not found or expired',
        correlationId: correlationId(res),
        category: 'OBJECT_NOT_FOUND',
      });
      return;
    }
    send(res, 200, {
      token: req.params['token'],
      hub_domain: `sandbox-${portal.portalId}.hubspot.local`,
      scopes: info.scopes,
      hub_id: portal.portalId,
      app_id: ctx.config.appId,
      expires_in: Math.floor(((info.expiresAt ?? now) - now) / 1000),
      user_id: 1,
      token_type: 'access',
    });
  });
  return r;
}
