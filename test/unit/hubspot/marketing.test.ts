import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { accountInfo } from '../../../src/hubspot/readers/account.js';
import { emailEventsPage } from '../../../src/hubspot/readers/email-events.js';
import {
  contactParticipationsPage,
  eventParticipationsPage,
  marketingEventsPage,
} from '../../../src/hubspot/readers/marketing-events.js';
import { dealPipelines } from '../../../src/hubspot/readers/pipelines.js';
import { webEventsPage } from '../../../src/hubspot/readers/web-events.js';
import { BASE, JSON_HEADERS, testApi, useNock } from './nock-api.js';

useNock();

describe('email events (legacy v1)', () => {
  it('pages with offset while hasMore and stops when it is false', async () => {
    nock(BASE)
      .get('/email/public/v1/events')
      .query({ limit: '1000', startTimestamp: '1700000000000', eventType: 'CLICK' })
      .reply(
        200,
        {
          events: [
            {
              id: 'e1',
              created: 1717171717171,
              type: 'CLICK',
              recipient: 'a@b.com',
              emailCampaignId: 9876,
              url: 'https://x',
              filteredEvent: false,
            },
            { id: 'e2', type: 'CLICK' },
          ],
          hasMore: true,
          offset: 'b2Zm',
        },
        JSON_HEADERS,
      )
      .get('/email/public/v1/events')
      .query({ limit: '1000', startTimestamp: '1700000000000', eventType: 'CLICK', offset: 'b2Zm' })
      .reply(200, { events: [], hasMore: false, offset: 'ZW5k' }, JSON_HEADERS);
    const { api } = testApi();
    const first = await emailEventsPage(api, {
      startTimestamp: 1_700_000_000_000,
      eventType: 'CLICK',
    });
    expect(first).toEqual({
      items: [
        {
          id: 'e1',
          created: 1717171717171,
          type: 'CLICK',
          recipient: 'a@b.com',
          emailCampaignId: '9876',
          url: 'https://x',
          filteredEvent: false,
        },
      ],
      malformed: 1,
      next: 'b2Zm',
    });
    const last = await emailEventsPage(api, {
      startTimestamp: 1_700_000_000_000,
      eventType: 'CLICK',
      offset: first.next,
    });
    expect(last).toEqual({ items: [], malformed: 0 });
    await expect(emailEventsPage(api, { eventType: 'click' })).rejects.toThrow(
      /emailEventsPage\.eventType/,
    );
  });
});

describe('marketing events', () => {
  it('lists events and maps their fields', async () => {
    nock(BASE)
      .get('/marketing/v3/marketing-events')
      .query({ limit: '100' })
      .reply(
        200,
        {
          results: [
            {
              objectId: '77',
              eventName: 'Webinar',
              eventType: 'WEBINAR',
              startDateTime: '2025-03-01T09:00:00.000Z',
              endDateTime: '2025-03-01T10:00:00.000Z',
              eventCancelled: false,
              createdAt: '2025-02-01T00:00:00.000Z',
              updatedAt: '2025-03-01T10:00:00.000Z',
            },
          ],
          paging: { next: { after: 'MTA' } },
        },
        JSON_HEADERS,
      );
    const { api } = testApi();
    expect(await marketingEventsPage(api, undefined)).toEqual({
      items: [
        {
          id: '77',
          name: 'Webinar',
          eventType: 'WEBINAR',
          startedAt: Date.parse('2025-03-01T09:00:00.000Z'),
          endedAt: Date.parse('2025-03-01T10:00:00.000Z'),
          cancelled: false,
          createdAt: Date.parse('2025-02-01T00:00:00.000Z'),
          updatedAt: Date.parse('2025-03-01T10:00:00.000Z'),
        },
      ],
      malformed: 0,
      next: 'MTA',
    });
  });

  const breakdown = {
    total: 1,
    results: [
      {
        id: 'p1',
        createdAt: '2025-03-01T08:00:00.000Z',
        associations: {
          contact: { contactId: '201', email: 'a@b.com' },
          marketingEvent: { marketingEventId: '77', name: 'Webinar' },
        },
        properties: {
          attendanceState: 'ATTENDED',
          occurredAt: 1717171717171,
          attendanceDurationSeconds: 1800,
        },
      },
    ],
  };
  const participation = {
    id: 'p1',
    contactId: '201',
    email: 'a@b.com',
    eventId: '77',
    eventName: 'Webinar',
    attendanceState: 'ATTENDED',
    occurredAt: 1717171717171,
    createdAt: Date.parse('2025-03-01T08:00:00.000Z'),
    attendanceDurationSeconds: 1800,
  };

  it('reads one event’s participants (last page: no paging)', async () => {
    nock(BASE)
      .get('/marketing/v3/marketing-events/participations/77/breakdown')
      .query({ limit: '100', after: 'x' })
      .reply(200, breakdown, JSON_HEADERS);
    const { api } = testApi();
    expect(await eventParticipationsPage(api, '77', 'x')).toEqual({
      items: [participation],
      malformed: 0,
    });
  });

  it('reads one contact’s participations by email', async () => {
    nock(BASE)
      .get('/marketing/v3/marketing-events/participations/contacts/a%40b.com/breakdown')
      .query({ limit: '100' })
      .reply(200, breakdown, JSON_HEADERS);
    const { api } = testApi();
    expect((await contactParticipationsPage(api, 'a@b.com', undefined)).items).toEqual([
      participation,
    ]);
  });
});

describe('web analytics events', () => {
  it('reads a page with ISO time bounds', async () => {
    nock(BASE)
      .get('/events/v3/events')
      .query({ objectType: 'contact', occurredAfter: '2025-01-01T00:00:00.000Z', limit: '100' })
      .reply(
        200,
        {
          results: [
            {
              id: 'w1',
              eventType: 'e_visited_page',
              objectType: 'CONTACT',
              objectId: '201',
              occurredAt: '2025-01-02T00:00:00.000Z',
              properties: { hs_url: 'https://x', hs_count: 2 },
            },
          ],
        },
        JSON_HEADERS,
      );
    const { api } = testApi();
    expect(
      await webEventsPage(api, { occurredAfter: Date.parse('2025-01-01T00:00:00.000Z') }),
    ).toEqual({
      items: [
        {
          id: 'w1',
          eventType: 'e_visited_page',
          objectType: 'CONTACT',
          objectId: '201',
          occurredAt: Date.parse('2025-01-02T00:00:00.000Z'),
          properties: { hs_url: 'https://x', hs_count: '2' },
        },
      ],
      malformed: 0,
    });
  });

  it('surfaces the non-Enterprise 403 as missing_scope for the caller to tolerate', async () => {
    nock(BASE).get('/events/v3/events').query(true).reply(
      403,
      {
        status: 'error',
        category: 'FORBIDDEN',
        message: 'This endpoint requires a Marketing Hub Enterprise subscription.',
      },
      JSON_HEADERS,
    );
    const { api } = testApi();
    await expect(webEventsPage(api)).rejects.toMatchObject({
      kind: 'missing_scope',
      details: { status: 403, scopes: [] },
    });
  });
});

describe('pipelines and account', () => {
  it('reads deal pipelines with stage metadata, stages in display order', async () => {
    const stage = (id: string, order: number, isClosed: string, probability: string) => ({
      id,
      label: id,
      displayOrder: order,
      metadata: { isClosed, probability },
      archived: false,
    });
    nock(BASE)
      .get('/crm/v3/pipelines/deals')
      .reply(
        200,
        {
          results: [
            {
              id: 'default',
              label: 'Sales',
              displayOrder: 0,
              archived: false,
              stages: [
                stage('closedwon', 5, 'true', '1.0'),
                stage('qualified', 1, 'false', '0.2'),
                stage('closedlost', 6, 'true', '0.0'),
              ],
            },
            { id: 'broken', label: 'x' },
          ],
        },
        JSON_HEADERS,
      );
    const { api } = testApi();
    const { items, malformed } = await dealPipelines(api);
    expect(malformed).toBe(1);
    expect(items[0]!.stages.map((s) => [s.id, s.isClosed, s.probability])).toEqual([
      ['qualified', false, 0.2],
      ['closedwon', true, 1],
      ['closedlost', true, 0],
    ]);
  });

  it('reads the portal id, time zone and currency', async () => {
    nock(BASE).get('/account-info/v3/details').reply(
      200,
      {
        portalId: 62515,
        accountType: 'STANDARD',
        timeZone: 'America/New_York',
        companyCurrency: 'USD',
        utcOffset: '-05:00',
      },
      JSON_HEADERS,
    );
    const { api } = testApi();
    expect(await accountInfo(api)).toEqual({
      portalId: 62515,
      timeZone: 'America/New_York',
      currency: 'USD',
      accountType: 'STANDARD',
    });
  });
});
