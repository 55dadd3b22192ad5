// A card view as the worker stores it: the response body's JSON, gzip-compressed, with a hash of
// everything but its `computedAt`, so an unchanged view is not rewritten and keeps its time.

import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { DealAttributionBody } from '../../domain/index.js';

const gzipAsync = promisify(gzip);

export interface EncodedView {
  /** Identity of the view's content (its computedAt aside). */
  readonly hash: string;
  /**
   * The stored bytes, compressed on demand (an unchanged view never is) on libuv's thread pool,
   * so compressing a batch's views overlaps the main thread building the next ones.
   */
  bytes(): Promise<Uint8Array>;
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
  return { hash, bytes: () => gzipAsync(json, { level: 1 }) };
}
