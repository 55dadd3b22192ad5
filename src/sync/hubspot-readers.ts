// The sync's readers bound to a HubSpot API: a thin adapter from the page-at-a-time readers of
// hubspot/ to the SyncReaders port, so the sync's loops never see wire formats or HTTP.

import type { HubSpotApi } from '../hubspot/index.js';
import type { HubSpotLogger } from '../hubspot/index.js';
import { readAssociations } from '../hubspot/index.js';
import { emailEventsPage } from '../hubspot/index.js';
import { eventParticipationsPage, marketingEventsPage } from '../hubspot/index.js';
import { modifiedBounds } from '../hubspot/index.js';
import { batchReadObjects, getObject, listObjects } from '../hubspot/index.js';
import { dealPipelines } from '../hubspot/index.js';
import { searchModified, type SearchCursor } from '../hubspot/index.js';
import type { SyncReaders } from './context.js';

export function hubspotSyncReaders(
  api: HubSpotApi,
  calls: () => number,
  log?: HubSpotLogger,
): SyncReaders {
  // Malformed items are skipped and counted by the readers; this is where they are logged.
  const withLog = log === undefined ? {} : { log };
  return {
    list: (type, o) =>
      listObjects(api, type, {
        properties: o.properties,
        propertiesWithHistory: o.history,
        associations: o.associations,
        archived: o.archived,
        after: o.after,
        ...withLog,
      }),
    batchRead: (type, ids, o) =>
      batchReadObjects(api, type, ids, {
        properties: o.properties,
        propertiesWithHistory: o.history,
        ...withLog,
      }),
    get: (type, id, o) =>
      getObject(api, type, id, {
        properties: o.properties,
        propertiesWithHistory: o.history,
        associations: o.associations,
        ...withLog,
      }),
    search: (type, cursor, since, properties) =>
      searchModified(api, type, (cursor as SearchCursor | undefined) ?? { since }, {
        properties,
        ...withLog,
      }),
    associations: (from, to, ids) => readAssociations(api, from, to, ids, withLog),
    bounds: (type, prop) => modifiedBounds(api, type, prop),
    pipelines: async () => (await dealPipelines(api, withLog)).items,
    emailEvents: (o) => emailEventsPage(api, { ...o, ...withLog }),
    marketingEvents: (after) => marketingEventsPage(api, after, withLog),
    participations: (eventId, after) => eventParticipationsPage(api, eventId, after, withLog),
    calls,
  };
}
