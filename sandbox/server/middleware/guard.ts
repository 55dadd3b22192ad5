// The handler chain in front of every API route: auth → rate limit → scopes → faults. Applied per
// route (not globally) so `req.route` is known when a fault answers and stats keep the pattern.

import type { Request, RequestHandler } from 'express';
import type { SandboxContext } from '../context.js';
import { authenticate, requireScopes } from './auth.js';
import { faults } from './faults.js';
import { createRateLimiter } from './rate-limit.js';

export interface Guards {
  /** A normal API route; `search` switches to the search limiter (5/s, no headers). */
  readonly api: (
    scopes: (req: Request) => readonly string[],
    opts?: { search?: boolean },
  ) => RequestHandler[];
  /** `/_sandbox/*`: the same token, but neither rate limits nor faults. */
  readonly sandbox: RequestHandler[];
}

export function createGuards(ctx: SandboxContext): Guards {
  const auth = authenticate(ctx);
  const limiter = createRateLimiter(ctx);
  const fault = faults(ctx);
  return {
    api: (scopes, opts = {}) => [
      auth,
      opts.search === true ? limiter.search : limiter.general,
      requireScopes(scopes),
      fault,
    ],
    sandbox: [auth],
  };
}
