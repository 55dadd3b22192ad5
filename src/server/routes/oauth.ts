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
// The work itself (state, code exchange, recording the portal) is src/usecases/oauth-install.ts.
// Uninstalls: HubSpot sends none; see src/security/connection.ts.

import { randomBytes } from 'node:crypto';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { STATE_TTL_MS, type OAuthInstall } from '../../usecases/index.js';
import type { Logger } from '../logger.js';
import { sendError } from '../middleware/errors.js';
import { requestLog } from '../middleware/request-context.js';

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

export function oauthRoutes(install: OAuthInstall, ctx: { readonly log: Logger }): Router {
  const r = Router();

  r.get('/oauth/install', (_req, res) => {
    const nonce = randomBytes(16).toString('base64url');
    res.cookie(COOKIE, nonce, {
      httpOnly: true,
      sameSite: 'lax',
      secure: install.secureCookie,
      maxAge: STATE_TTL_MS,
      path: '/oauth',
    });
    res.redirect(302, install.authorizeUrl(nonce));
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
    const problem = install.checkState(parsed.data.state, cookieOf(req, COOKIE));
    if (problem !== undefined) {
      sendError(res, 400, problem, [{ field: 'state', message: problem.slice('state: '.length) }]);
      return;
    }
    res.clearCookie(COOKIE, { path: '/oauth' });
    const done = await install.complete(parsed.data.code);
    if (!done.ok) {
      log.warn({ error: done.error, category: done.message }, 'oauth code exchange failed');
      if (done.error === 'code_refused') {
        sendError(
          res,
          400,
          `HubSpot refused the authorization code (${done.message}); start the install again`,
        );
      } else {
        sendError(res, 502, `The token exchange with HubSpot failed (${done.message})`);
      }
      return;
    }
    const { portalId, scopes } = done.value;
    log.info({ portalId, scopes }, 'portal connected');
    res
      .status(200)
      .type('text/plain')
      .send(
        `Deal Attribution is connected to HubSpot account ${portalId}. You can close this tab.`,
      );
  });
  return r;
}
