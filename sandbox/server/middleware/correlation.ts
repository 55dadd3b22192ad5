// Stamps `X-HubSpot-Correlation-Id` (a UUID, like HubSpot's) on every response and counts the
// request under its route pattern for `/_sandbox/stats` once the response is finished.

import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { SandboxContext } from '../context.js';

export function correlation(ctx: SandboxContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('X-HubSpot-Correlation-Id', randomUUID());
    res.on('finish', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      const key = `${req.method} ${typeof route === 'string' ? route : '(no route)'}`;
      ctx.stats.total++;
      ctx.stats.requests.set(key, (ctx.stats.requests.get(key) ?? 0) + 1);
    });
    next();
  };
}
