// Card answers as served (JSON text), least recently used first out, bounded by total size. The
// worker stores every shown model's view, so a miss costs one store read; reps reopen the same
// deals, and a view changes only when the portal is recomputed.

export interface ViewCache {
  get(key: string, now: number): string | undefined;
  set(key: string, json: string, now: number): void;
}

export function createViewCache(options: { maxBytes: number; ttlMs: number }): ViewCache {
  // Map iteration is insertion order: re-inserting on a hit makes the first entry the coldest.
  const entries = new Map<string, { json: string; expiresAt: number }>();
  let bytes = 0;
  const size = (key: string, json: string): number => 2 * (key.length + json.length);
  const drop = (key: string): void => {
    const e = entries.get(key);
    if (e === undefined) return;
    entries.delete(key);
    bytes -= size(key, e.json);
  };
  return {
    get(key, now) {
      const e = entries.get(key);
      if (e === undefined) return undefined;
      drop(key);
      if (e.expiresAt <= now) return undefined;
      entries.set(key, e);
      bytes += size(key, e.json);
      return e.json;
    },
    set(key, json, now) {
      drop(key);
      const n = size(key, json);
      if (n > options.maxBytes) return;
      while (bytes + n > options.maxBytes) {
        const coldest = entries.keys().next();
        if (coldest.done === true) break;
        drop(coldest.value);
      }
      entries.set(key, { json, expiresAt: now + options.ttlMs });
      bytes += n;
    },
  };
}
