import { describe, expect, it } from 'vitest';
import { createViewCache } from '../../../src/services/view-cache.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('view cache', () => {
  it('serves an entry until its time is up', () => {
    const cache = createViewCache({ maxBytes: 1000, ttlMs: 100 });
    cache.set('a', bytes('{"x":1}'), 0);
    expect(cache.get('a', 99)).toEqual(bytes('{"x":1}'));
    expect(cache.get('a', 100)).toBeUndefined();
    expect(cache.get('a', 50)).toBeUndefined(); // an expired entry is gone for good
  });

  it('drops the least recently used entries to stay within its size', () => {
    // Each entry: 2 × 1 (key) + 18 (body) = 20 bytes; room for three.
    const cache = createViewCache({ maxBytes: 60, ttlMs: 1000 });
    const body = bytes('123456789123456789');
    cache.set('a', body, 0);
    cache.set('b', body, 0);
    cache.set('c', body, 0);
    expect(cache.get('a', 1)).toBe(body); // a is now the most recent
    cache.set('d', body, 1);
    expect(cache.get('b', 2)).toBeUndefined();
    expect(['a', 'c', 'd'].map((k) => cache.get(k, 2) !== undefined)).toEqual([true, true, true]);
  });

  it('never keeps an entry larger than the whole cache', () => {
    const cache = createViewCache({ maxBytes: 10, ttlMs: 1000 });
    cache.set('a', bytes('x'.repeat(100)), 0);
    expect(cache.get('a', 1)).toBeUndefined();
  });
});
