// Per-journey columns computed once and shared by every model applied to the journey: touch ids,
// times and each touch's roles. Attributing 100,000 journeys under 12 models made re-reading
// scattered Touchpoint objects (a cache miss each) the main cost; these arrays are contiguous.
// Journeys are immutable, so caching by identity is safe; the WeakMap lets them be collected.

import { ROLES, type Role } from '../domain/index.js';
import type { Journey } from './types.js';

export interface JourneyIndex {
  readonly ids: readonly string[];
  /** occurredAt per touch. */
  readonly times: Float64Array;
  /** Every milestone each touch holds, in ROLES order (undefined: none). */
  readonly roles: readonly (readonly Role[] | undefined)[];
}

const cache = new WeakMap<Journey, JourneyIndex>();

export function journeyIndex(journey: Journey): JourneyIndex {
  let index = cache.get(journey);
  if (index === undefined) {
    const touches = journey.touches;
    const n = touches.length;
    const ids = new Array<string>(n);
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = touches[i]!;
      ids[i] = t.id;
      times[i] = t.occurredAt;
    }
    const roles: Role[][] = [];
    for (const r of ROLES) {
      const h = journey.milestones[r];
      if (h !== undefined) (roles[h] ??= []).push(r);
    }
    index = { ids, times, roles };
    cache.set(journey, index);
  }
  return index;
}
