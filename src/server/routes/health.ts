// GET /healthz: the process is alive (no dependency checked, so a slow database never gets the
// process restarted). GET /readyz: it can serve — the store answers and no shutdown is under way,
// so a load balancer stops routing here while we drain.

import { Router } from 'express';
import type { Portals } from '../../usecases/index.js';
import type { Logger } from '../logger.js';
import { sendError } from '../middleware/errors.js';
import { requestLog } from '../middleware/request-context.js';

export interface HealthDeps {
  readonly portals: Pick<Portals, 'ping'>;
  readonly shuttingDown: () => boolean;
  readonly log: Logger;
  /** How long readiness waits for the store (default 2 s). */
  readonly pingTimeoutMs?: number;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([p, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

export function healthRoutes(deps: HealthDeps): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/readyz', async (_req, res) => {
    if (deps.shuttingDown()) {
      sendError(res, 503, 'shutting down');
      return;
    }
    try {
      await withTimeout(deps.portals.ping(), deps.pingTimeoutMs ?? 2000);
    } catch (e) {
      requestLog(res, deps.log).warn({ err: e }, 'readiness: store unreachable');
      sendError(res, 503, 'store unreachable');
      return;
    }
    res.json({ status: 'ok' });
  });
  return r;
}
