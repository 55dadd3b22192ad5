// A card view as the worker stores it: the response body's JSON, gzip-compressed, with a hash of
// everything but its `computedAt`, so an unchanged view is not rewritten and keeps its time.

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { DealAttributionBody } from '../../domain/index.js';

export interface EncodedView {
  /** Identity of the view's content (its computedAt aside). */
  readonly hash: string;
  /** The stored bytes (compressed on demand: an unchanged view is never compressed). */
  bytes(): Uint8Array;
}

/**
 * Serialises once. The hash blanks the one `"computedAt":"…"` the body has at the top level (the
 * engine's key order puts it before any touch), so a view that differs only in when it was
 * computed hashes the same. zlib level 1: the views of a whole portal are compressed at a full
 * recompute, and level 1 costs a third of the default's time for about a fifth more bytes.
 */
export function encodeView(body: DealAttributionBody): EncodedView {
  const json = JSON.stringify(body);
  const stamp = `"computedAt":${JSON.stringify(body.computedAt)}`;
  const at = json.indexOf(stamp);
  if (at < 0) throw new Error('a card view without computedAt');
  const hash = createHash('sha256')
    .update(json.slice(0, at))
    .update('"computedAt":""')
    .update(json.slice(at + stamp.length))
    .digest('hex');
  return { hash, bytes: () => gzipSync(json, { level: 1 }) };
}
