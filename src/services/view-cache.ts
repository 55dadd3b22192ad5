// Card answers as served (gzip JSON), least recently used first out, bounded by total size. The
// worker stores every shown model's view, so a miss costs one store read; reps reopen the same
// deals, and a view changes only when the portal is recomputed.

export interface ViewCache {
  get(key: string, now: number): Uint8Array | undefined;
  set(key: string, body: Uint8Array, now: number): void;
}

export function createViewCache(options: { maxBytes: number; ttlMs: number }): ViewCache {
  // Map iteration is insertion order: re-inserting on a hit makes the first entry the coldest.
  const entries = new Map<string, { body: Uint8Array; expiresAt: number }>();
  let bytes = 0;
  const size = (key: string, body: Uint8Array): number => 2 * key.length + body.byteLength;
  const drop = (key: string): void => {
    const e = entries.get(key);
    if (e === undefined) return;
    entries.delete(key);
    bytes -= size(key, e.body);
  };
  return {
    get(key, now) {
      const e = entries.get(key);
      if (e === undefined) return undefined;
      drop(key);
      if (e.expiresAt <= now) return undefined;
      entries.set(key, e);
      bytes += size(key, e.body);
      return e.body;
    },
    set(key, body, now) {
      drop(key);
      const n = size(key, body);
      if (n > options.maxBytes) return;
      while (bytes + n > options.maxBytes) {
        const coldest = entries.keys().next();
        if (coldest.done === true) break;
        drop(coldest.value);
      }
      entries.set(key, { body, expiresAt: now + options.ttlMs });
      bytes += n;
    },
  };
}
