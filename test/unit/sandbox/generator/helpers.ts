// Shared by the generator tests: a canonical serialisation of everything a portal holds.

import { createHash } from 'node:crypto';
import { OBJECT_TYPES, type Portal } from '../../../../sandbox/portal.js';

/** Objects, associations, merges, event streams and truth, in a stable order. */
export function serialize(portal: Portal): string {
  return JSON.stringify({
    portalId: portal.portalId,
    tier: portal.tier,
    now: portal.now,
    nextId: portal.nextId,
    objects: OBJECT_TYPES.map((t) => [t, [...portal.objects[t].values()]]),
    associations: [...portal.associations.entries()]
      .map(([k, m]) => [k, [...m.entries()]] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    merged: OBJECT_TYPES.map((t) => [t, [...portal.merged[t].entries()]]),
    emailEvents: portal.emailEvents,
    participations: portal.participations,
    webEvents: portal.webEvents,
    truth: portal.truth,
  });
}

export const hash = (portal: Portal): string =>
  createHash('sha256').update(serialize(portal)).digest('hex');

export const totalRecords = (portal: Portal): number =>
  OBJECT_TYPES.reduce((n, t) => n + portal.objects[t].size, 0);

export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
