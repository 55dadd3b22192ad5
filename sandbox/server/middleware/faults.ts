// Deterministic fault injection (off unless a spec is given). Each request draws the same number
// of values from the context's seeded PRNG, so a replayed request sequence meets the same faults.

import type { NextFunction, Request, Response } from 'express';
import type { SandboxContext } from '../context.js';
import { correlationId, send, sendError } from '../errors.js';

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n';

export function faults(ctx: SandboxContext) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const spec = ctx.config.faults;
    if (!spec) {
      next();
      return;
    }
    const [reset = 1, server = 1, which = 0, burst = 1, slow = 1] = Array.from({ length: 5 }, () =>
      ctx.random(),
    );
    if (reset < spec.reset) {
      ctx.stats.faultsInjected++;
      res.socket?.destroy();
      return;
    }
    if (server < spec.serverError) {
      ctx.stats.faultsInjected++;
      const status = [500, 502, 503][Math.floor(which * 3)] ?? 500;
      if (status === 502) {
        res.status(502).setHeader('Content-Type', 'text/html');
        res.end(BAD_GATEWAY_HTML);
      } else {
        sendError(
          res,
          status,
          status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_ERROR',
          status === 503 ? 'Service unavailable' : 'internal error',
        );
      }
      return;
    }
    if (ctx.burstLeft > 0 || burst < spec.burst429) {
      ctx.burstLeft = ctx.burstLeft > 0 ? ctx.burstLeft - 1 : spec.burstLength - 1;
      ctx.stats.faultsInjected++;
      send(res, 429, {
        status: 'error',
        message: 'You have reached your ten_secondly_rolling limit.',
        errorType: 'RATE_LIMIT',
        correlationId: correlationId(res),
        policyName: 'TEN_SECONDLY_ROLLING',
      });
      return;
    }
    if (slow < spec.slow) {
      ctx.stats.faultsInjected++;
      setTimeout(next, spec.slowMs);
      return;
    }
    next();
  };
}
