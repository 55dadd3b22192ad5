// Record ids of each type in ascending numeric order, for cursor paging without sorting a
// million records per request. Ids only grow (portal.nextId), so the list is rebuilt only when
// the type's record count changed since the last call.

import type { ObjectType, Portal } from '../portal.js';

export interface OrderedIds {
  readonly ids: readonly string[];
  readonly numbers: Float64Array;
}

export function createIdOrder(portal: Portal): (type: ObjectType) => OrderedIds {
  const cache = new Map<ObjectType, OrderedIds>();
  return (type) => {
    const map = portal.objects[type];
    const hit = cache.get(type);
    if (hit?.ids.length === map.size) return hit;
    const ids = [...map.keys()];
    let sorted = true;
    for (let i = 1; i < ids.length && sorted; i++) sorted = Number(ids[i - 1]) < Number(ids[i]);
    if (!sorted) ids.sort((a, b) => Number(a) - Number(b));
    const entry = { ids, numbers: Float64Array.from(ids, Number) };
    cache.set(type, entry);
    return entry;
  };
}

/** Index of the first id ≥ `min` (binary search). */
export function lowerBound(numbers: Float64Array, min: number): number {
  let lo = 0;
  let hi = numbers.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((numbers[mid] ?? 0) < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
