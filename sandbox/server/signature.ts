// HubSpot request signatures the sandbox puts on webhook deliveries (HUBSPOT.md §3).

import { createHash, createHmac } from 'node:crypto';

// v3 signs the URI with exactly these escapes decoded (HubSpot's request-validation docs).
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

export const v3Uri = (uri: string): string =>
  uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED[m.toUpperCase()] ?? m);

/** v3: base64(HMAC-SHA256(secret, method + uri + body + timestamp)), uri partly decoded. */
export const signV3 = (
  secret: string,
  method: string,
  uri: string,
  body: string,
  timestamp: number,
): string =>
  createHmac('sha256', secret)
    .update(method + v3Uri(uri) + body + String(timestamp))
    .digest('base64');

/** v1: hex(SHA256(secret + body)). */
export const signV1 = (secret: string, body: string): string =>
  createHash('sha256')
    .update(secret + body)
    .digest('hex');
