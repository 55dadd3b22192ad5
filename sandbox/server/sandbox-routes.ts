// `/_sandbox/*`: inspection and control of the emulator (same Bearer token, no limits or faults).

import { Router } from 'express';
import { OBJECT_TYPES } from '../portal.js';
import type { Deps } from './deps.js';
import { badRequest, send, sendError } from './errors.js';

export function sandboxRoutes(deps: Deps): Router {
  const r = Router();
  const { ctx } = deps;
  const portal = ctx.config.portal;
  const guard = deps.guards.sandbox;

  r.get('/_sandbox/stats', ...guard, (_req, res) => {
    const records: Record<string, number> = {};
    for (const t of OBJECT_TYPES) {
      let n = 0;
      for (const rec of portal.objects[t].values()) if (!rec.archived) n++;
      records[t] = n;
    }
    send(res, 200, {
      total: ctx.stats.total,
      requests: Object.fromEntries(ctx.stats.requests),
      rateLimited: ctx.stats.rateLimited,
      faultsInjected: ctx.stats.faultsInjected,
      records,
    });
  });

  r.get('/_sandbox/truth', ...guard, (_req, res) => {
    send(res, 200, portal.truth);
  });

  r.post('/_sandbox/advance', ...guard, (req, res) => {
    const days: unknown = (req.body as { days?: unknown } | undefined)?.days;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365) {
      badRequest(
        res,
        `days: must be an integer from 1 to 365, got ${days === undefined ? 'nothing' : JSON.stringify(days)}`,
        'days',
      );
      return;
    }
    const advance = ctx.config.advance;
    if (!advance) {
      sendError(res, 501, 'NOT_IMPLEMENTED', 'This sandbox was started without a time simulator.');
      return;
    }
    // A fresh seed per call, derived from the sandbox seed, so repeated advances differ but replay.
    const seed = ctx.config.seed * 1000 + ++ctx.advanceCount;
    send(res, 200, advance(portal, days, seed));
  });
  return r;
}
