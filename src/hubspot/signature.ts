// HubSpot request signatures (HUBSPOT.md §3): v3 on every request HubSpot signs (card fetches,
// webhooks), v2/v1 only as the fallback webhooks still carry. Written here rather than taken from
// the SDK, whose Signature.isValid decodes no URI escapes, compares with `===` and throws on
// stale timestamps.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../kernel/index.js';

/** HubSpot's freshness window; we apply it both ways, so clock skew into the future fails too. */
export const MAX_SIGNATURE_AGE_MS = 300_000;

export type SignatureFailure =
  | 'missing_signature'
  | 'bad_timestamp'
  | 'stale_timestamp'
  | 'future_timestamp'
  | 'unsupported_version'
  | 'bad_signature';

/** What a signature covers, as received: the method, the full public URL and the raw body. */
export interface SignedRequest {
  readonly method: string;
  /** Scheme, host, path and query exactly as the client sent them. */
  readonly url: string;
  readonly body: Buffer;
}

const DECODED: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

/** v3 signs the URL with exactly these escapes decoded; every other escape stays as sent. */
export const v3Uri = (url: string): string =>
  url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED[m.toUpperCase()] ?? m);

/** base64(HMAC-SHA256(secret, method + uri + body + timestamp)); the timestamp as sent. */
export function signV3(secret: string, req: SignedRequest, timestamp: string): string {
  return createHmac('sha256', secret)
    .update(req.method + v3Uri(req.url))
    .update(req.body)
    .update(timestamp)
    .digest('base64');
}

/** hex(SHA256(secret + method + uri + body)); the URI undecoded. */
export function signV2(secret: string, req: SignedRequest): string {
  return createHash('sha256')
    .update(secret + req.method + req.url)
    .update(req.body)
    .digest('hex');
}

/** hex(SHA256(secret + body)): covers neither URL nor time, so it is replayable; fallback only. */
export function signV1(secret: string, body: Buffer): string {
  return createHash('sha256').update(secret).update(body).digest('hex');
}

/** Constant-time string comparison (the length of a signature is public anyway). */
function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function verifyV3(
  secret: string,
  req: SignedRequest,
  signature: string | undefined,
  timestamp: string | undefined,
  now: number,
): Result<void, SignatureFailure> {
  if (signature === undefined || signature === '') {
    return err('missing_signature', 'X-HubSpot-Signature-v3 is missing');
  }
  if (timestamp === undefined || !/^\d{1,15}$/.test(timestamp)) {
    return err('bad_timestamp', 'X-HubSpot-Request-Timestamp is missing or not a ms timestamp');
  }
  const age = now - Number(timestamp);
  if (age > MAX_SIGNATURE_AGE_MS) {
    return err('stale_timestamp', 'X-HubSpot-Request-Timestamp is older than 5 minutes');
  }
  if (age < -MAX_SIGNATURE_AGE_MS) {
    return err('future_timestamp', 'X-HubSpot-Request-Timestamp is more than 5 minutes ahead');
  }
  return same(signature, signV3(secret, req, timestamp))
    ? ok(undefined)
    : err('bad_signature', 'X-HubSpot-Signature-v3 does not match the request');
}

export function verifyLegacy(
  secret: string,
  req: SignedRequest,
  version: string | undefined,
  signature: string | undefined,
): Result<void, SignatureFailure> {
  if (signature === undefined || signature === '') {
    return err('missing_signature', 'X-HubSpot-Signature is missing');
  }
  const v = version?.toLowerCase();
  if (v !== 'v1' && v !== 'v2') {
    return err('unsupported_version', 'X-HubSpot-Signature-Version must be v1 or v2');
  }
  const expected = v === 'v1' ? signV1(secret, req.body) : signV2(secret, req);
  // Hex digests: HubSpot's case is not specified, compare case-insensitively.
  return same(signature.toLowerCase(), expected)
    ? ok(undefined)
    : err('bad_signature', `X-HubSpot-Signature (${v}) does not match the request`);
}

/** The headers the verifiers read, lower-cased as node delivers them. */
export interface SignatureHeaders {
  readonly 'x-hubspot-signature-v3'?: string | undefined;
  readonly 'x-hubspot-request-timestamp'?: string | undefined;
  readonly 'x-hubspot-signature'?: string | undefined;
  readonly 'x-hubspot-signature-version'?: string | undefined;
}

/**
 * v3 whenever the request carries it; with `allowLegacy` (webhooks), a request without v3 may
 * pass on the version its `X-HubSpot-Signature-Version` names instead.
 */
export function verifyHubSpotSignature(
  secret: string,
  req: SignedRequest,
  headers: SignatureHeaders,
  options: { readonly now: number; readonly allowLegacy?: boolean },
): Result<void, SignatureFailure> {
  const v3 = headers['x-hubspot-signature-v3'];
  if ((v3 === undefined || v3 === '') && options.allowLegacy === true) {
    return verifyLegacy(
      secret,
      req,
      headers['x-hubspot-signature-version'],
      headers['x-hubspot-signature'],
    );
  }
  return verifyV3(secret, req, v3, headers['x-hubspot-request-timestamp'], options.now);
}
