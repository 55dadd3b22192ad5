import { describe, expect, it } from 'vitest';
import { portalClassifier } from '../../../src/channels/index.js';
import { channelRulesSchema } from '../../../src/domain/index.js';
import { parseTime, TouchpointDeriver } from '../../../src/sync/touchpoints.js';

const deriver = new TouchpointDeriver(portalClassifier());
const T = Date.parse('2025-03-01T10:00:00.000Z');
const H = 3_600_000;
const v = (value: string, timestamp: number) => ({ value, timestamp });

describe('parseTime', () => {
  it('reads ISO strings, ms strings and numbers; rejects the rest', () => {
    expect(parseTime('2025-03-01T10:00:00.000Z')).toBe(T);
    expect(parseTime(String(T))).toBe(T);
    expect(parseTime(T)).toBe(T);
    expect(parseTime('2025-03-01')).toBe(Date.parse('2025-03-01T00:00:00Z'));
    expect(parseTime('')).toBeUndefined();
    expect(parseTime('soon')).toBeUndefined();
    expect(parseTime(null)).toBeUndefined();
  });
});

describe('contact touches', () => {
  const contact = {
    id: '101',
    properties: {
      createdate: new Date(T).toISOString(),
      hs_analytics_source: 'PAID_SEARCH',
      hs_analytics_source_data_1: 'google',
      hs_analytics_first_timestamp: new Date(T).toISOString(),
      hs_analytics_first_url: 'https://acme.test/pricing',
    },
    history: {
      hs_latest_source: [
        v('PAID_SEARCH', T),
        v('ORGANIC_SEARCH', T + 24 * H),
        v('EMAIL_MARKETING', T + 48 * H),
      ],
      hs_latest_source_data_1: [v('google', T), v('bing', T + 24 * H), v('spring', T + 48 * H)],
      recent_conversion_event_name: [v('Demo request', T + 48 * H)],
    },
  };

  it('the original source created the contact; later visits come from the source history', () => {
    const touches = deriver.contact(contact);
    expect(touches.map((t) => [t.id, t.kind, t.channel, t.occurredAt - T])).toEqual([
      ['contact:101:source', 'visit', 'paid_search', 0],
      [`contact:101:visit:${T + 24 * H}`, 'visit', 'organic_search', 24 * H],
      [`contact:101:form:${T + 48 * H}`, 'form_submission', 'email', 48 * H],
    ]);
    expect(touches[0]?.createdContactIds).toEqual(['101']);
    expect(touches[0]?.source).toEqual({
      source: 'PAID_SEARCH',
      detail1: 'google',
      url: 'https://acme.test/pricing',
    });
    expect(touches[1]?.source).toEqual({ source: 'ORGANIC_SEARCH', detail1: 'bing' });
    // The conversion and the visit it happened in are one touch, titled by the form.
    expect(touches[2]?.title).toBe('Demo request');
    expect(touches.every((t) => t.team === 'marketing' && t.originId === '101')).toBe(true);
  });

  it('a merged contact credits the survivor but keeps its own origin', () => {
    const touches = deriver.contact(contact, '999');
    expect(touches.every((t) => t.contactIds[0] === '999' && t.originId === '101')).toBe(true);
  });

  it('without history, the current latest source and conversions are used', () => {
    const touches = deriver.contact({
      id: '7',
      properties: {
        createdate: String(T),
        hs_analytics_source: 'OFFLINE',
        hs_latest_source: 'REFERRALS',
        hs_latest_source_timestamp: String(T + H),
        first_conversion_event_name: 'Newsletter',
        first_conversion_date: String(T + 2 * H),
      },
    });
    expect(touches.map((t) => [t.kind, t.channel])).toEqual([
      ['offline', 'offline'],
      ['visit', 'referral'],
      ['form_submission', 'referral'],
    ]);
  });

  it('admin rules reclassify touches', () => {
    const custom = new TouchpointDeriver(
      portalClassifier(
        channelRulesSchema.parse({
          rules: [
            { channel: 'brand_search', when: [{ field: 'detail1', op: 'equals', value: 'bing' }] },
          ],
        }),
      ),
    );
    expect(custom.contact(contact).map((t) => t.channel)).toEqual([
      'paid_search',
      'brand_search',
      'email',
    ]);
  });
});

describe('engagement touches', () => {
  const base = { id: '55', properties: { hs_timestamp: String(T) } };
  it('completed calls, held meetings and sent emails count; failed attempts do not', () => {
    const call = (status: string) =>
      deriver.engagement(
        'calls',
        { ...base, properties: { ...base.properties, hs_call_status: status } },
        ['1'],
      );
    expect(call('COMPLETED').map((t) => [t.id, t.kind, t.channel, t.team])).toEqual([
      ['calls:55', 'call', 'sales_call', 'sales'],
    ]);
    expect(call('NO_ANSWER')).toEqual([]);
    const meeting = (outcome: string) =>
      deriver.engagement(
        'meetings',
        {
          id: '56',
          properties: { hs_meeting_start_time: String(T + H), hs_meeting_outcome: outcome },
        },
        ['1'],
      );
    expect(meeting('COMPLETED')[0]?.occurredAt).toBe(T + H);
    expect(meeting('NO_SHOW')).toEqual([]);
    expect(
      deriver.engagement(
        'emails',
        { ...base, properties: { ...base.properties, hs_email_status: 'BOUNCED' } },
        ['1'],
      ),
    ).toEqual([]);
  });

  it('needs a contact and a time; contacts are de-duplicated and sorted', () => {
    expect(deriver.engagement('calls', base, [])).toEqual([]);
    expect(deriver.engagement('calls', { id: '9', properties: {} }, ['1'])).toEqual([]);
    expect(deriver.engagement('calls', base, ['3', '1', '3'])[0]?.contactIds).toEqual(['1', '3']);
  });
});

describe('marketing touches', () => {
  it('email clicks count, other email events do not', () => {
    const click = {
      id: 'e1',
      properties: {
        created: T,
        type: 'CLICK',
        recipient: 'a@b.test',
        emailCampaignId: 42,
        url: 'https://x.test',
      },
    };
    expect(
      deriver.emailClick(click, '5').map((t) => [t.id, t.kind, t.channel, t.campaign]),
    ).toEqual([['email_event:e1', 'email_click', 'email', '42']]);
    expect(
      deriver.emailClick({ ...click, properties: { ...click.properties, type: 'OPEN' } }, '5'),
    ).toEqual([]);
  });

  it('attended or registered participations count; no-shows and cancellations do not', () => {
    const p = (state: string) =>
      deriver.participation(
        {
          id: 'p1',
          properties: { attendanceState: state, occurredAt: T, eventName: 'Pricing webinar' },
        },
        '5',
      );
    expect(p('ATTENDED').map((t) => [t.kind, t.channel, t.title])).toEqual([
      ['event', 'webinar', 'Pricing webinar'],
    ]);
    expect(p('REGISTERED')).toHaveLength(1);
    expect(p('NO_SHOW')).toEqual([]);
    expect(p('CANCELLED')).toEqual([]);
  });

  it("a participation carries its event's type, which tells webinars from other events", () => {
    const p = (properties: Record<string, string>) =>
      deriver.participation(
        {
          id: 'p2',
          properties: { attendanceState: 'ATTENDED', occurredAt: String(T), ...properties },
        },
        '5',
      )[0];
    const webinar = p({ eventName: 'Attribution 101', eventType: 'Webinar' });
    expect(webinar?.source).toEqual({ detail1: 'Webinar', detail2: 'Attribution 101' });
    expect(webinar?.channel).toBe('webinar');
    // The type decides over the name; an untyped event is judged by its name.
    expect(p({ eventName: 'Webinar week party', eventType: 'Conference' })?.channel).toBe('events');
    expect(p({ eventName: 'INBOUND', eventType: 'Conference' })?.channel).toBe('events');
    expect(p({ eventName: 'INBOUND' })?.channel).toBe('events');
  });
});

describe('communication touches', () => {
  const message = (channelType?: string) =>
    deriver.engagement(
      'communications',
      {
        id: '77',
        properties: {
          hs_timestamp: String(T),
          ...(channelType === undefined ? {} : { hs_communication_channel_type: channelType }),
        },
      },
      ['1'],
    )[0];

  it('are classified by their channel type: LinkedIn apart from SMS and WhatsApp', () => {
    expect(message('LINKEDIN_MESSAGE')?.source).toEqual({ medium: 'linkedin_message' });
    expect(message('LINKEDIN_MESSAGE')?.channel).toBe('sales_linkedin');
    expect(message('SMS')?.channel).toBe('sales_messaging');
    expect(message('WHATS_APP')?.channel).toBe('sales_messaging');
    expect(message()?.channel).toBe('sales_messaging');
    expect(message('SMS')?.team).toBe('sales');
  });
});
