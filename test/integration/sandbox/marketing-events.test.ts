// Marketing events v3: the event list and each event's participations, through the official SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParticipationPropertiesAttendanceStateEnum as State } from '@hubspot/api-client/lib/codegen/marketing/events/models/ParticipationProperties.js';
import type { Participation } from '../../../sandbox/portal.js';
import { smallPortal, start, T0, type Running } from './fixture.js';

let sb: Running;
let unscoped: Running;
const DAY = 86_400_000;

beforeAll(async () => {
  const portal = smallPortal({ contacts: 30 });
  const contacts = [...portal.objects.contacts.values()];
  const states: Participation['attendanceState'][] = ['ATTENDED', 'NO_SHOW', 'REGISTERED'];
  // 12 events (ids 501..512); event 501 has 25 participants, the others one each.
  for (let e = 0; e < 12; e++) {
    const n = e === 0 ? 25 : 1;
    for (let i = 0; i < n; i++) {
      const contact = contacts[(e + i) % contacts.length]!;
      const state = states[i % 3]!;
      portal.participations.push({
        id: String(portal.participations.length + 1),
        contactId: contact.id,
        email: contact.properties['email'] ?? '',
        marketingEventId: String(501 + e),
        eventName: `Webinar ${e}`,
        ...(e === 0 ? { eventType: 'Webinar' } : {}),
        attendanceState: state,
        occurredAt: T0 + e * DAY + i * 1000,
        ...(state === 'ATTENDED' ? { attendanceDurationSeconds: 1800 } : {}),
        createdAt: T0 + e * DAY - DAY,
      });
    }
  }
  sb = await start({ portal, rateLimits: false });
  unscoped = await start({
    portal: smallPortal(),
    rateLimits: false,
    scopes: ['crm.objects.contacts.read'],
  });
});
afterAll(async () => {
  await sb.close();
  await unscoped.close();
});

describe('marketing events list', () => {
  it('pages every event with after, without paging on the last page', async () => {
    const ids: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await sb.client.marketing.events.basicApi.getAll(after, 5);
      ids.push(...page.results.map((e) => e.objectId));
      after = page.paging?.next?.after;
      pages++;
    } while (after !== undefined);
    expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => String(501 + i)));
    expect(pages).toBe(3);
  });

  it('describes an event by its participations', async () => {
    const first = (await sb.client.marketing.events.basicApi.getAll(undefined, 1)).results[0]!;
    expect(first).toMatchObject({
      objectId: '501',
      eventName: 'Webinar 0',
      attendees: 9,
      noShows: 8,
      cancellations: 0,
      eventCancelled: false,
      customProperties: [],
    });
    expect(first.startDateTime).toEqual(new Date(T0));
    expect(first.createdAt).toEqual(new Date(T0 - DAY));
  });

  it("serves an event's type when it has one (the SDK's eventType)", async () => {
    const [typed, untyped] = (await sb.client.marketing.events.basicApi.getAll(undefined, 2))
      .results;
    expect(typed?.eventType).toBe('Webinar');
    expect(untyped?.objectId).toBe('502');
    expect(untyped?.eventType).toBeUndefined();
  });

  it('rejects a limit above 100 naming the field', async () => {
    await expect(sb.client.marketing.events.basicApi.getAll(undefined, 101)).rejects.toMatchObject({
      code: 400,
      body: { category: 'VALIDATION_ERROR', context: { field: ['limit'] } },
    });
  });
});

describe('participations of one event', () => {
  const api = () => sb.client.marketing.events.retrieveParticipantStateApi;

  it('pages the event’s participations with the per-contact item shape', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let total = 0;
    do {
      const page = await api().getParticipationsBreakdownByMarketingEventId(
        501,
        undefined,
        undefined,
        10,
        after,
      );
      total = page.total;
      seen.push(...page.results.map((p) => p.id));
      for (const p of page.results)
        expect(p.associations.marketingEvent).toMatchObject({ marketingEventId: '501' });
      after = page.paging?.next?.after;
    } while (after !== undefined);
    expect(total).toBe(25);
    expect(new Set(seen).size).toBe(25);
  });

  it('filters by state and by contact, and knows no participants of an unknown event', async () => {
    const attended = await api().getParticipationsBreakdownByMarketingEventId(
      501,
      undefined,
      'ATTENDED',
      100,
    );
    expect(attended.total).toBe(9);
    expect(attended.results.every((p) => p.properties.attendanceState === State.Attended)).toBe(
      true,
    );
    const one = attended.results[0]!.associations.contact;
    const byEmail = await api().getParticipationsBreakdownByMarketingEventId(501, one.email);
    expect(byEmail.results.map((p) => p.associations.contact.contactId)).toContain(one.contactId);
    expect(byEmail.results.every((p) => p.associations.contact.email === one.email)).toBe(true);
    const unknown = await api().getParticipationsBreakdownByMarketingEventId(999);
    expect([unknown.total, unknown.results.length]).toEqual([0, 0]);
  });

  it('needs the marketing events scope', async () => {
    const denied = unscoped.client.marketing.events.retrieveParticipantStateApi;
    await expect(denied.getParticipationsBreakdownByMarketingEventId(501)).rejects.toMatchObject({
      code: 403,
      body: { category: 'MISSING_SCOPES' },
    });
    await expect(unscoped.client.marketing.events.basicApi.getAll()).rejects.toMatchObject({
      code: 403,
    });
  });
});
