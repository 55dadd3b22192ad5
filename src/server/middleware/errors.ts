// One error body everywhere: `{status: 'error', message, errors?: [{field, message}]}` (the card
// and settings page check `status`). Stack traces go to the log, never to the client.

import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';
import { requestLog } from './request-context.js';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export function sendError(
  res: Response,
  status: number,
  message: string,
  errors?: readonly FieldError[],
): void {
  res.status(status).json({ status: 'error', message, ...(errors ? { errors } : {}) });
}

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 404, `No route for ${req.method} ${req.path}`);
};

/** body-parser's failures carry a `type`, a 4xx `status` and a message safe to show. */
interface HttpishError {
  readonly type?: unknown;
  readonly status?: unknown;
  readonly expose?: unknown;
  readonly message?: unknown;
}

export const errorHandler =
  (log: Logger): ErrorRequestHandler =>
  (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error); // express aborts the connection
      return;
    }
    const e = (typeof error === 'object' && error !== null ? error : {}) as HttpishError;
    if (e.type === 'entity.parse.failed') {
      sendError(res, 400, 'body: not valid JSON');
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true) {
      sendError(res, e.status, typeof e.message === 'string' ? e.message : 'bad request');
      return;
    }
    requestLog(res, log).error({ err: error }, 'unhandled error');
    sendError(res, 500, 'Internal error; see the server log for this request id');
  };
