// Per request: an id (the caller's X-Request-Id when it is sane, else a fresh one; echoed back),
// a child logger carrying it, and one access-log line when the response is finished.

import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';

const SANE_ID = /^[\w.:-]{1,128}$/;
const PROBES: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

export function requestContext(log: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const requestId = given !== undefined && SANE_ID.test(given) ? given : randomUUID();
    const child = log.child({ requestId });
    res.locals['requestId'] = requestId;
    res.locals['log'] = child;
    res.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    res.on('finish', () => {
      const portalId: unknown = res.locals['portalId'];
      // The path only: query strings may carry user e-mails (hubspot.fetch appends them).
      const path = req.originalUrl.split('?')[0] ?? '';
      const line = {
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(typeof portalId === 'number' ? { portalId } : {}),
      };
      // Probes arrive every few seconds: only their failures are news.
      if (PROBES.has(path) && res.statusCode < 400) child.debug(line, 'request');
      else child.info(line, 'request');
    });
    next();
  };
}

/** The request's logger (carrying its id); `fallback` when requestContext did not run. */
export function requestLog(res: Response, fallback: Logger): Logger {
  const log: unknown = res.locals['log'];
  return log === undefined ? fallback : (log as Logger);
}
