// Whole encoded list pages, so a page read again (a re-sync, a benchmark, several workers over one
// portal) is a map lookup and one socket write instead of 100 record lookups and a 30–60 KB copy.
// Any portal change drops every page, like search's result cache: a change can archive, create or
// re-serialize a record and so move paging. Property definitions are in the key (see shapeKey).

import type { Portal } from '../portal.js';

/** Bounds memory: past this many bytes of pages the cache starts over. */
const MAX_BYTES = 64 * 2 ** 20;

export interface PageCache {
  get(key: string): Buffer | undefined;
  set(key: string, page: Buffer): void;
}

export function createPageCache(portal: Portal): PageCache {
  let pages = new Map<string, Buffer>();
  let bytes = 0;
  const clear = (): void => {
    if (pages.size === 0) return;
    pages = new Map();
    bytes = 0;
  };
  portal.listeners.push(clear);
  return {
    get: (key) => pages.get(key),
    set(key, page) {
      if (bytes + page.length > MAX_BYTES) clear();
      pages.set(key, page);
      bytes += page.length;
    },
  };
}
