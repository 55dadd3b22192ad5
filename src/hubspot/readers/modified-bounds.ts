// How many live records a type has and when the newest was modified, in one search call (limit 1,
// sorted descending by the last-modified property). The sync uses the timestamp as the start of
// the next incremental window (taken before a run reads anything, so a record modified while the
// run pages is still newer than it) and the total as the progress bar's estimate. Search runs on
// its own 5/s budget, so this costs the main burst budget nothing.

import { z } from 'zod';
import { HubSpotError, type HubSpotApi } from '../api.js';
import type { CrmObjectType } from '../types.js';

const body = z.object({
  total: z.number().int().nonnegative(),
  results: z.array(
    z.object({ properties: z.record(z.string(), z.string().nullable().optional()) }),
  ),
});

function ms(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

export interface ModifiedBounds {
  readonly total: number;
  /** Last-modified time (ms) of the newest record; undefined when there is none. */
  readonly latest: number | undefined;
}

export async function modifiedBounds(
  api: HubSpotApi,
  type: CrmObjectType,
  modifiedProperty: string,
): Promise<ModifiedBounds> {
  const res = await api.request({
    method: 'POST',
    path: `/crm/v3/objects/${type}/search`,
    kind: 'search',
    body: {
      filterGroups: [],
      sorts: [{ propertyName: modifiedProperty, direction: 'DESCENDING' }],
      properties: [modifiedProperty],
      limit: 1,
    },
  });
  const parsed = body.safeParse(res.body);
  if (!parsed.success)
    throw new HubSpotError('malformed_response', `search of ${type}: ${parsed.error.message}`, {
      status: res.status,
      body: res.body,
    });
  const first = parsed.data.results[0];
  return { total: parsed.data.total, latest: ms(first?.properties[modifiedProperty]) };
}
