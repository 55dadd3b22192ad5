// Marketing event participations take their event's type (and, when the breakdown omits it, its
// name) into the store, so their touches are classified by it: a webinar whose name does not say
// so is still a webinar, now and when the touch is re-derived from the stored record.

import { describe, expect, it } from 'vitest';
import { portalClassifier } from '../../../src/channels/index.js';
import type {
  MarketingEvent,
  Participation,
} from '../../../src/hubspot/readers/marketing-events.js';
import type { HubSpotObject } from '../../../src/hubspot/types.js';
import { openStore } from '../../../src/store/index.js';
import type { SyncReaders } from '../../../src/sync/context.js';
import { runSync } from '../../../src/sync/run.js';
import { TouchpointDeriver } from '../../../src/sync/touchpoints.js';

const T = Date.parse('2025-05-01T00:00:00Z');
const contact: HubSpotObject = {
  id: '1',
  properties: { email: '1@x.test', createdate: String(T), hs_analytics_source: 'DIRECT_TRAFFIC' },
  createdAt: T,
  updatedAt: T,
  archived: false,
};
const EVENTS: MarketingEvent[] = [
  { id: '10', name: 'Attribution 101', eventType: 'Webinar', cancelled: false },
  { id: '20', name: 'INBOUND', cancelled: false },
  { id: '30', name: 'Q3 webinar', cancelled: false },
];
const participation = (id: string, eventId: string, eventName?: string): Participation => ({
  id,
  contactId: '1',
  eventId,
  attendanceState: 'ATTENDED',
  occurredAt: T + Number(id) * 1000,
  ...(eventName === undefined ? {} : { eventName }),
});
const PARTICIPATIONS: Record<string, Participation[]> = {
  '10': [participation('1', '10', 'Attribution 101'), participation('2', '10')],
  '20': [participation('3', '20', 'INBOUND')],
  '30': [participation('4', '30')],
};

function readers(): SyncReaders {
  const page = <T>(items: T[]) => Promise.resolve({ items, malformed: 0 });
  return {
    list: (type, o) => page(type === 'contacts' && !o.archived ? [contact] : []),
    batchRead: () => Promise.resolve({ items: [], missing: [] }),
    get: () => Promise.resolve(undefined),
    search: () => page([]),
    associations: () => Promise.resolve(new Map()),
    bounds: () => Promise.resolve({ total: 1, latest: T }),
    pipelines: () => Promise.resolve([]),
    emailEvents: () => page([]),
    marketingEvents: () => page(EVENTS),
    participations: (eventId) => page(PARTICIPATIONS[eventId] ?? []),
    calls: () => 0,
  };
}

describe('marketing event participations', () => {
  it("are stored and classified with their event's type and name", async () => {
    const store = await openStore('sqlite::memory:');
    const summary = await runSync({
      store,
      portalId: 1,
      readers: () => readers(),
      apiStats: () => ({ calls: 0, rateLimited: 0, retries: 0, byLabel: {} }),
      rules: portalClassifier(),
    });
    expect(summary.ok).toBe(true);
    const stored = await store.getRecords(1, 'marketing_event_participations', [
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(stored.map((r) => [r.id, r.properties['eventName'], r.properties['eventType']])).toEqual(
      [
        ['1', 'Attribution 101', 'Webinar'],
        ['2', 'Attribution 101', 'Webinar'],
        ['3', 'INBOUND', undefined],
        ['4', 'Q3 webinar', undefined],
      ],
    );
    const touches = (await store.touchpointsForContacts(1, ['1'])).filter(
      (t) => t.kind === 'event',
    );
    expect(touches.map((t) => [t.originId, t.channel])).toEqual([
      ['1', 'webinar'],
      ['2', 'webinar'],
      ['3', 'events'],
      ['4', 'webinar'],
    ]);
    // A later re-derivation (a merge) reads the stored record alone and agrees.
    const deriver = new TouchpointDeriver(portalClassifier());
    expect(stored.flatMap((r) => deriver.participation(r, '1')).map((t) => t.channel)).toEqual(
      touches.map((t) => t.channel),
    );
    await store.close();
  });
});
