import { describe, expect, it } from 'vitest';
import { createViewCache } from '../../../src/services/view-cache.js';

describe('view cache', () => {
  it('serves an entry until its time is up', () => {
    const cache = createViewCache({ maxBytes: 1000, ttlMs: 100 });
    cache.set('a', '{"x":1}', 0);
    expect(cache.get('a', 99)).toBe('{"x":1}');
    expect(cache.get('a', 100)).toBeUndefined();
    expect(cache.get('a', 50)).toBeUndefined(); // an expired entry is gone for good
  });

  it('drops the least recently used entries to stay within its size', () => {
    // Each entry: 2 × (1 + 9) = 20 bytes; room for three.
    const cache = createViewCache({ maxBytes: 60, ttlMs: 1000 });
    cache.set('a', '123456789', 0);
    cache.set('b', '123456789', 0);
    cache.set('c', '123456789', 0);
    expect(cache.get('a', 1)).toBe('123456789'); // a is now the most recent
    cache.set('d', '123456789', 1);
    expect(cache.get('b', 2)).toBeUndefined();
    expect(['a', 'c', 'd'].map((k) => cache.get(k, 2) !== undefined)).toEqual([true, true, true]);
  });

  it('never keeps an entry larger than the whole cache', () => {
    const cache = createViewCache({ maxBytes: 10, ttlMs: 1000 });
    cache.set('a', 'x'.repeat(100), 0);
    expect(cache.get('a', 1)).toBeUndefined();
  });
});
