// One channel vocabulary, end to end: a generated sandbox portal synced through the real HubSpot
// layer with the app's default channel rules (the sync the CLI runs) yields touches whose channel
// is, touch by touch, the channel the generator planted, with the planted team; and every planted
// channel shows up. The planted channels come from GET /_sandbox/truth.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexEvents, contactTouches } from '../../../sandbox/generator/touches.js';
import type { RunningSandbox } from '../../../sandbox/index.js';
import { openStore, type Store, type StoredTouchpoint } from '../../../src/store/index.js';
// The sync end-to-end tests' helpers: a generated portal served by the sandbox, and one sync
// wired exactly as the CLI wires it (default rules).
import { sandboxPortal, syncOnce } from '../../e2e/sync-fixture.js';

interface TruthChannel {
  readonly channel: string;
  readonly team: string;
}

let sb: RunningSandbox;
let store: Store;
let planted: Map<string, TruthChannel>;
let touches: StoredTouchpoint[];

/** The planted channel of every touch the portal's data holds, by where the app finds it. */
function plantedByKey(): Map<string, string> {
  const index = indexEvents(sb.portal);
  const out = new Map<string, string>();
  for (const contact of sb.portal.objects.contacts.values()) {
    if (contact.archived) continue;
    for (const t of contactTouches(sb.portal, contact, index)) {
      const origin = t.medium === 'visit' ? 'contacts' : t.medium;
      out.set(`${origin}:${t.id}:${String(t.at)}`, t.channel);
    }
  }
  return out;
}

/** The same key for a derived touch: its origin record and time. */
function keyOf(t: StoredTouchpoint): string {
  const origin =
    t.originType === 'email_events'
      ? 'emailEvent'
      : t.originType === 'marketing_event_participations'
        ? 'participation'
        : t.originType;
  return `${origin}:${t.originId}:${String(t.occurredAt)}`;
}

beforeAll(async () => {
  sb = await sandboxPortal({ scale: 'tiny', seed: 7 });
  store = await openStore('sqlite::memory:');
  const summary = await syncOnce(sb, store);
  expect(summary.ok).toBe(true);
  const res = await fetch(`${sb.baseUrl}/_sandbox/truth`, {
    headers: { authorization: `Bearer ${sb.accessToken}` },
  });
  const truth = (await res.json()) as { channels: TruthChannel[] };
  planted = new Map(truth.channels.map((c) => [c.channel, c]));
  const contactIds: string[] = [];
  for await (const page of store.iterateRecords(sb.portalId, 'contacts'))
    contactIds.push(...page.map((r) => r.id));
  touches = await store.touchpointsForContacts(sb.portalId, contactIds);
}, 120_000);

afterAll(async () => {
  await store.close();
  await sb.close();
});

describe('touches synced from a sandbox portal under the default rules', () => {
  it('have, touch by touch, the channel the generator planted', () => {
    expect(touches.length).toBeGreaterThan(100);
    const expected = plantedByKey();
    const wrong = touches
      .map((t) => ({ id: t.id, derived: t.channel, planted: expected.get(keyOf(t)) ?? 'none' }))
      .filter((x) => x.derived !== x.planted);
    expect(wrong).toEqual([]);
  });

  it('are each in a planted channel, with its planted team', () => {
    const off = touches
      .map((t) => ({ id: t.id, channel: t.channel, team: t.team }))
      .filter((t) => planted.get(t.channel)?.team !== t.team);
    expect(off).toEqual([]);
  });

  it('cover every planted channel', () => {
    const seen = new Set(touches.map((t) => t.channel));
    expect([...planted.keys()].filter((c) => !seen.has(c))).toEqual([]);
  });

  it('of every kind that carries a channel signal: visits, clicks, events, engagements', () => {
    const origins = new Set(touches.map((t) => t.originType));
    for (const o of [
      'contacts',
      'email_events',
      'marketing_event_participations',
      'calls',
      'meetings',
      'emails',
      'communications',
    ])
      expect(origins, o).toContain(o);
  });
});
