// Bearer-token authentication as production answers it (HUBSPOT.md §6): no or unknown token →
// 401 INVALID_AUTHENTICATION; an expired OAuth token → 401 EXPIRED_AUTHENTICATION with its age.

import type { NextFunction, Request, Response } from 'express';
import type { SandboxContext, TokenInfo } from '../context.js';
import { sendError } from '../errors.js';

export const tokenOf = (res: Response): TokenInfo => res.locals['token'] as TokenInfo;

export function authenticate(ctx: SandboxContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const token = match?.[1] === undefined ? undefined : ctx.tokens.get(match[1]);
    if (!token) {
      sendError(
        res,
        401,
        'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      );
      return;
    }
    if (token.expiresAt !== undefined) {
      const now = ctx.config.clock();
      if (now >= token.expiresAt) {
        const ago = Math.max(1, Math.floor((now - token.expiresAt) / 1000));
        sendError(
          res,
          401,
          'EXPIRED_AUTHENTICATION',
          `The OAuth token used to make this call expired ${ago} second(s) ago.`,
        );
        return;
      }
    }
    res.locals['token'] = token;
    next();
  };
}

/**
 * 403 MISSING_SCOPES unless the token holds at least one scope of `anyOf` (HubSpot lists the
 * accepted alternatives in `requiredGranularScopes`).
 */
export function requireScopes(anyOf: (req: Request) => readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const needed = anyOf(req);
    const held = tokenOf(res).scopes;
    if (needed.length === 0 || needed.some((s) => held.includes(s))) {
      next();
      return;
    }
    sendError(
      res,
      403,
      'MISSING_SCOPES',
      "This app hasn't been granted all required scopes to make this call.",
      {
        errors: [
          {
            message: 'One or more of the following scopes are required.',
            context: { requiredGranularScopes: [...needed] },
          },
        ],
      },
    );
  };
}
