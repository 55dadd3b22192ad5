// Stable content hash: canonical JSON (object keys sorted, undefined members dropped as JSON does)
// → sha256 hex. Two values that serialise to the same JSON up to key order hash the same, so a
// record re-fetched from HubSpot with its properties in another order is still "unchanged".

import { createHash } from 'node:crypto';

/**
 * JSON.stringify with every object's keys sorted (V8's stringify does the walking). Integer-like
 * keys still come first in numeric order, as JavaScript objects always enumerate them: a fixed,
 * input-independent order, which is all a content hash needs.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, sortKeys);
  // JSON.stringify returns undefined for undefined/functions at the top level.
  if (typeof text !== 'string') throw new TypeError(`${typeof value} cannot be hashed`);
  return text;
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

function sortKeys(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // NaN/Infinity would silently become null and collide with a real null.
    throw new TypeError(`${key || '$'}: non-finite number cannot be hashed`);
  }
  if (typeof value === 'bigint') throw new TypeError(`${key || '$'}: bigint cannot be hashed`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source).sort();
  // Null prototype: a key named "__proto__" must stay a key, not become the prototype.
  const sorted = Object.create(null) as Record<string, unknown>;
  for (const k of keys) sorted[k] = source[k];
  return sorted;
}
