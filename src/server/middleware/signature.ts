// Requests that claim to come from HubSpot pass only with a valid, fresh signature (HUBSPOT.md §3)
// over the URL HubSpot called, the method and the raw body; anything else gets 401 before a route
// reads or changes anything. For the API, the portal a request may see is the `portalId` of that
// signed URL, so changing it breaks the signature.

import type { Request, RequestHandler, Response } from 'express';
import { verifyHubSpotSignature } from '../../hubspot/index.js';
import type { Logger } from '../logger.js';
import { sendError } from './errors.js';
import { rawBody } from './raw-body.js';
import { requestLog } from './request-context.js';

export interface SignatureOptions {
  /** The app's client secret; without one every request is refused (fail closed). */
  readonly secret: string | undefined;
  /** PUBLIC_URL: the origin HubSpot calls when no X-Forwarded-* headers say otherwise. */
  readonly publicOrigin?: string | undefined;
  readonly now?: () => number;
  /** Webhooks: accept the v1/v2 signature a request names when it carries no v3. */
  readonly allowLegacy?: boolean;
  readonly log: Logger;
}

const first = (value: string | undefined): string | undefined => {
  const v = value?.split(',')[0]?.trim();
  return v === '' ? undefined : v;
};

/**
 * The URL as HubSpot addressed it: scheme and host from X-Forwarded-Proto/-Host (a proxy in
 * front), else PUBLIC_URL, else this socket's view; then the path and query exactly as received.
 * Trusting the forwarded headers is safe here: they only choose which URL the signature must
 * cover, and only HubSpot can sign one.
 */
export function publicUrl(req: Request, publicOrigin: string | undefined): string {
  const configured = publicOrigin === undefined ? undefined : new URL(publicOrigin);
  const proto =
    first(req.get('x-forwarded-proto')) ?? configured?.protocol.slice(0, -1) ?? req.protocol;
  const host = first(req.get('x-forwarded-host')) ?? configured?.host ?? req.get('host') ?? '';
  return `${proto}://${host}${req.originalUrl}`;
}

export function verifySignature(options: SignatureOptions): RequestHandler {
  const now = options.now ?? Date.now;
  return (req, res, next) => {
    const log = requestLog(res, options.log);
    if (options.secret === undefined) {
      log.error('HUBSPOT_CLIENT_SECRET is not set: signed requests cannot be verified');
      sendError(res, 401, 'Request signature cannot be verified: the app has no client secret');
      return;
    }
    const url = publicUrl(req, options.publicOrigin);
    const verdict = verifyHubSpotSignature(
      options.secret,
      { method: req.method, url, body: rawBody(req) },
      {
        'x-hubspot-signature-v3': req.get('x-hubspot-signature-v3'),
        'x-hubspot-request-timestamp': req.get('x-hubspot-request-timestamp'),
        'x-hubspot-signature': req.get('x-hubspot-signature'),
        'x-hubspot-signature-version': req.get('x-hubspot-signature-version'),
      },
      { now: now(), allowLegacy: options.allowLegacy ?? false },
    );
    if (!verdict.ok) {
      // Origin and path show a proxy misconfiguration; the query may carry user e-mails.
      const seen = URL.canParse(url) ? new URL(url) : undefined;
      log.warn(
        { reason: verdict.error, origin: seen?.origin, path: seen?.pathname },
        'request signature rejected',
      );
      sendError(res, 401, `Request signature rejected: ${verdict.message}`);
      return;
    }
    next();
  };
}

const PORTAL_ID = /^[1-9]\d{0,14}$/;

/** After verifySignature: the signed URL's single `portalId` → res.locals.portalId (number). */
export const signedPortalId: RequestHandler = (req, res, next) => {
  const values = new URL(req.originalUrl, 'http://x').searchParams.getAll('portalId');
  const [value] = values;
  if (values.length !== 1 || value === undefined || !PORTAL_ID.test(value)) {
    sendError(res, 400, 'portalId: required once in the query, a positive integer', [
      { field: 'portalId', message: 'required once, a positive integer' },
    ]);
    return;
  }
  res.locals['portalId'] = Number(value);
  next();
};

/** The portal a verified request is for; routes read only this, never the query. */
export function portalIdOf(res: Response): number {
  const id: unknown = res.locals['portalId'];
  if (typeof id !== 'number') throw new Error('portalIdOf: signedPortalId did not run');
  return id;
}
