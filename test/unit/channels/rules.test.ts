import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, portalClassifier } from '../../../src/channels/index.js';
import { channelRulesSchema, DEFAULT_CHANNELS } from '../../../src/domain/index.js';

describe('default channel classification', () => {
  const classify = (t: Parameters<ReturnType<typeof portalClassifier>['classify']>[0]) =>
    portalClassifier().classify(t).channel;

  it('maps each documented HubSpot source value to its channel', () => {
    const cases: [string, string][] = [
      ['ORGANIC_SEARCH', 'organic_search'],
      ['PAID_SEARCH', 'paid_search'],
      ['EMAIL_MARKETING', 'email'],
      ['SOCIAL_MEDIA', 'organic_social'],
      ['REFERRALS', 'referral'],
      ['OTHER_CAMPAIGNS', 'other_campaigns'],
      ['DIRECT_TRAFFIC', 'direct'],
      ['OFFLINE', 'offline'],
      ['PAID_SOCIAL', 'paid_social'],
    ];
    for (const [source, channel] of cases) {
      expect(classify({ kind: 'visit', source: { source } })).toBe(channel);
    }
  });

  it('classifies sales engagements by kind, whatever their source', () => {
    expect(classify({ kind: 'call', source: { source: 'PAID_SEARCH' } })).toBe('sales_call');
    expect(classify({ kind: 'meeting' })).toBe('sales_meeting');
    expect(classify({ kind: 'sales_email' })).toBe('sales_email');
    expect(classify({ kind: 'communication' })).toBe('sales_messaging');
    expect(classify({ kind: 'event' })).toBe('events');
  });

  it('tells LinkedIn messages from SMS and WhatsApp by the communication channel type', () => {
    const comm = (medium: string) => classify({ kind: 'communication', source: { medium } });
    expect(comm('LINKEDIN_MESSAGE')).toBe('sales_linkedin');
    expect(comm('linkedin_message')).toBe('sales_linkedin');
    expect(comm('sms')).toBe('sales_messaging');
    expect(comm('whats_app')).toBe('sales_messaging');
    // A visit's medium never makes it a sales touch.
    expect(classify({ kind: 'visit', source: { medium: 'linkedin_message' } })).toBe('other');
  });

  it("tells webinars from other events by the event's type, else by its name", () => {
    const event = (detail1?: string, detail2?: string) =>
      classify({
        kind: 'event',
        source: {
          ...(detail1 === undefined ? {} : { detail1 }),
          ...(detail2 === undefined ? {} : { detail2 }),
        },
      });
    expect(event('Webinar', 'Attribution 101')).toBe('webinar');
    expect(event('WEBCAST')).toBe('webinar');
    expect(event('Conference', 'Webinar week party')).toBe('events');
    expect(event('Trade show')).toBe('events');
    expect(event(undefined, 'Q3 product webinar')).toBe('webinar');
    expect(event(undefined, 'INBOUND 2025')).toBe('events');
    // Not an event: the webinar rules look at events only.
    expect(classify({ kind: 'visit', source: { detail1: 'webinar' } })).toBe('other');
  });

  it('falls back to UTM mediums, case-insensitively, then to "other"', () => {
    expect(classify({ kind: 'visit', source: { medium: 'CPC' } })).toBe('paid_search');
    expect(classify({ kind: 'visit', source: { medium: 'paid_social' } })).toBe('paid_social');
    expect(classify({ kind: 'visit', source: { source: 'SOMETHING_NEW' } })).toBe('other');
    expect(classify({ kind: 'visit' })).toBe('other');
  });

  it('only produces channels of the default taxonomy', () => {
    const ids = new Set(DEFAULT_CHANNELS.map((c) => c.id));
    for (const r of DEFAULT_RULES) expect(ids.has(r.channel)).toBe(true);
  });
});

describe('admin channel rules', () => {
  it('run before the defaults, first match wins, all conditions must hold', () => {
    const rules = channelRulesSchema.parse({
      rules: [
        {
          channel: 'partner_webinar',
          when: [
            { field: 'kind', op: 'equals', value: 'event' },
            { field: 'campaign', op: 'contains', value: 'partner' },
          ],
        },
        { channel: 'brand_search', when: [{ field: 'detail1', op: 'matches', value: '^acme\\b' }] },
      ],
    });
    const c = portalClassifier(rules);
    expect(c.classify({ kind: 'event', campaign: 'Q3 Partner Webinar' })).toEqual({
      channel: 'partner_webinar',
      by: { from: 'admin', index: 0 },
    });
    expect(c.classify({ kind: 'event', campaign: 'Q3 Webinar' }).channel).toBe('events');
    expect(
      c.classify({ kind: 'visit', source: { source: 'PAID_SEARCH', detail1: 'ACME crm' } }).channel,
    ).toBe('brand_search');
    expect(c.classify({ kind: 'visit', source: { source: 'X' } })).toEqual({
      channel: 'other',
      by: { from: 'fallback' },
    });
  });

  it('rejects invalid rules with errors that name the field', () => {
    const r = channelRulesSchema.safeParse({
      rules: [
        { channel: 'Bad Channel', when: [{ field: 'source', op: 'equals', value: 'x' }] },
        { channel: 'ok', when: [{ field: 'colour', op: 'equals', value: 'x' }] },
        { channel: 'ok2', when: [{ field: 'url', op: 'matches', value: '(' }] },
        { channel: 'ok3', when: [] },
      ],
      extra: 1,
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'rules.0.channel',
        'rules.1.when.0.field',
        'rules.2.when.0.value',
        'rules.3.when',
        '',
      ]),
    );
  });
});
