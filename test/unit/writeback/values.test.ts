import { describe, expect, it } from 'vitest';
import type { Role } from '../../../src/domain/index.js';
import { allocate, type Credit, type DealAttribution } from '../../../src/attribution/index.js';
import { mulberry32 } from '../../../src/kernel/index.js';
import {
  dealValues,
  InfluenceTally,
  type DealFacts,
  type InfluenceTouch,
  type ValueTouch,
} from '../../../src/writeback/values.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);
const CHANNELS = ['direct', 'email', 'organic_search', 'paid_search', 'sales_call'];

function touch(
  id: string,
  channel: string,
  contactIds: string[],
  team: 'marketing' | 'sales' = 'marketing',
): ValueTouch {
  return { id, channel, team, contactIds };
}

function attributed(
  dealId: string,
  cents: number,
  credits: { touchId: string; cents: number; fraction: number; roles?: Role[] }[],
  currency = 'USD',
): DealAttribution {
  return {
    status: 'attributed',
    dealId,
    model: 'linear',
    amount: { cents, currency },
    unattributedCents: 0,
    credits: credits.map((c, index): Credit => ({
      ...c,
      index,
      roles: c.roles ?? [],
      reason: 'test',
    })),
  };
}

const won: DealFacts = { createdAt: T0, closedAt: T0 + 92 * DAY + DAY / 2, stage: 'won' };

describe('dealValues', () => {
  const touches = new Map(
    [
      touch('t1', 'paid_search', ['c1']),
      touch('t2', 'organic_search', ['c1', 'c9']),
      touch('t3', 'paid_search', ['c2']),
      touch('t4', 'sales_call', ['c2'], 'sales'),
    ].map((t) => [t.id, t]),
  );
  const a = attributed('d1', 1_000_001, [
    { touchId: 't1', cents: 400_001, fraction: 0.4, roles: ['FIRST'] },
    { touchId: 't2', cents: 100_000, fraction: 0.1, roles: ['LC'] },
    { touchId: 't3', cents: 100_000, fraction: 0.1, roles: ['OC'] },
    { touchId: 't4', cents: 400_000, fraction: 0.4, roles: ['CW', 'LAST'] },
  ]);

  it('writes revenue per channel in major units that add up to the amount exactly, 0.00 without credit', () => {
    const r = dealValues({
      attribution: a,
      computedAt: T0 + 100 * DAY,
      touches,
      facts: won,
      buyingGroup: new Set(['c1', 'c2']),
      channels: CHANNELS,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value;
    expect(v['attribution_revenue_paid_search']).toBe('5000.01');
    expect(v['attribution_revenue_organic_search']).toBe('1000.00');
    expect(v['attribution_revenue_sales_call']).toBe('4000.00');
    expect(v['attribution_revenue_email']).toBe('0.00');
    expect(v['attribution_revenue_direct']).toBe('0.00');
    const sumCents = CHANNELS.reduce(
      (s, c) => s + Math.round(Number(v[`attribution_revenue_${c}`]) * 100),
      0,
    );
    expect(sumCents).toBe(1_000_001);
    expect(v['attribution_unattributed_revenue']).toBe('0.00');
  });

  it('names the milestone, top channels, counts, shares and dates in HubSpot formats', () => {
    const r = dealValues({
      attribution: a,
      computedAt: T0 + 100 * DAY,
      touches,
      facts: won,
      buyingGroup: new Set(['c1', 'c2']),
      channels: CHANNELS,
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.value).toMatchObject({
      attribution_model: 'linear',
      attribution_computed_at: '2025-04-11T00:00:00.000Z',
      attribution_touchpoints: '4',
      attribution_stakeholders: '2', // c9 is on a touch but not in the buying group
      attribution_days_to_close: '92.5',
      attribution_first_touch_channel: 'paid_search',
      attribution_lead_creation_channel: 'organic_search',
      attribution_deal_creation_channel: 'paid_search',
      attribution_closing_channel: 'sales_call',
      attribution_top_channel: 'paid_search',
      attribution_marketing_share: '60.00',
      attribution_sales_share: '40.00',
    });
  });

  it('gives shares that always add up to 100.00', () => {
    const thirds = attributed('d2', 100, [
      { touchId: 't1', cents: 34, fraction: 1 / 3 },
      { touchId: 't2', cents: 33, fraction: 1 / 3 },
      { touchId: 't4', cents: 33, fraction: 1 / 3 },
    ]);
    const r = dealValues({
      attribution: thirds,
      computedAt: T0,
      touches,
      facts: { createdAt: T0, stage: 'open' },
      buyingGroup: new Set(),
      channels: CHANNELS,
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.value['attribution_marketing_share']).toBe('66.67');
    expect(r.value['attribution_sales_share']).toBe('33.33');
    expect(r.value['attribution_days_to_close']).toBe('');
    expect(r.value['attribution_closing_channel']).toBe('');
  });

  it('books an unattributed deal to the unattributed property and clears the rest', () => {
    const u: DealAttribution = {
      status: 'unattributed',
      dealId: 'd3',
      model: 'u_shaped',
      amount: { cents: 123_456, currency: 'JPY' },
      reason: 'empty_journey',
      credits: [],
      unattributedCents: 123_456,
    };
    const r = dealValues({
      attribution: u,
      computedAt: T0,
      touches: new Map(),
      facts: won,
      buyingGroup: new Set(['c1']),
      channels: CHANNELS,
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.value['attribution_unattributed_revenue']).toBe('123456'); // JPY has no minor unit
    expect(r.value['attribution_revenue_paid_search']).toBe('0');
    expect(r.value['attribution_top_channel']).toBe('');
    expect(r.value['attribution_marketing_share']).toBe('');
    expect(r.value['attribution_touchpoints']).toBe('0');
  });

  it('breaks a top-channel tie by the smaller channel id', () => {
    const tie = attributed('d4', 200, [
      { touchId: 't3', cents: 100, fraction: 0.5 },
      { touchId: 't2', cents: 100, fraction: 0.5 },
    ]);
    const r = dealValues({
      attribution: tie,
      computedAt: T0,
      touches,
      facts: won,
      buyingGroup: new Set(),
      channels: CHANNELS,
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.value['attribution_top_channel']).toBe('organic_search');
  });

  it('refuses a result whose touch is gone or whose channel has no property', () => {
    const base = { computedAt: T0, facts: won, buyingGroup: new Set<string>(), channels: CHANNELS };
    const gone = dealValues({ ...base, attribution: a, touches: new Map() });
    expect(gone).toMatchObject({ ok: false, error: 'touch_missing' });
    const narrow = dealValues({ ...base, attribution: a, touches, channels: ['paid_search'] });
    expect(narrow).toMatchObject({ ok: false, error: 'channel_not_provisioned' });
  });
});

describe('InfluenceTally', () => {
  const itouch = (id: string, contactIds: string[], companyIds: string[] = []): InfluenceTouch => ({
    id,
    contactIds,
    companyIds,
  });

  it('splits a touch between its contacts by largest remainder, the extra cent to the smaller id', () => {
    const tally = new InfluenceTally('USD');
    const touches = new Map([['t1', itouch('t1', ['c2', 'c10'], ['co1'])]]);
    const r = tally.addDeal({
      attribution: attributed('d1', 101, [{ touchId: 't1', cents: 101, fraction: 1 }]),
      touches,
      won: true,
      homeCents: 101,
    });
    expect(r.ok).toBe(true);
    // "c10" < "c2" in code-unit order: it gets the odd cent.
    expect(tally.values('contacts', 'c10')).toEqual({
      attribution_influenced_revenue: '0.51',
      attribution_touchpoints: '1',
    });
    expect(tally.values('contacts', 'c2')['attribution_influenced_revenue']).toBe('0.50');
    expect(tally.values('companies', 'co1')['attribution_influenced_revenue']).toBe('1.01');
  });

  it('counts touches of open and lost deals but revenue of won deals only', () => {
    const tally = new InfluenceTally('USD');
    const touches = new Map([
      ['t1', itouch('t1', ['c1'])],
      ['t2', itouch('t2', ['c1'])],
    ]);
    const credits = [
      { touchId: 't1', cents: 500, fraction: 0.5 },
      { touchId: 't2', cents: 500, fraction: 0.5 },
    ];
    tally.addDeal({
      attribution: attributed('d1', 1000, credits),
      touches,
      won: false,
      homeCents: 1000,
    });
    expect(tally.values('contacts', 'c1')).toEqual({
      attribution_influenced_revenue: '0.00',
      attribution_touchpoints: '2',
    });
    tally.addDeal({
      attribution: attributed('d2', 1000, credits),
      touches,
      won: true,
      homeCents: 1000,
    });
    expect(tally.values('contacts', 'c1')).toEqual({
      attribution_influenced_revenue: '10.00',
      attribution_touchpoints: '2',
    });
    expect(InfluenceTally.isEmpty(tally.values('contacts', 'nobody'))).toBe(true);
    expect(InfluenceTally.isEmpty(tally.values('contacts', 'c1'))).toBe(false);
  });

  it('converts a foreign-currency deal with its home amount, exactly, and skips it without one', () => {
    const tally = new InfluenceTally('USD');
    const touches = new Map([
      ['t1', itouch('t1', ['c1'])],
      ['t2', itouch('t2', ['c2'])],
      ['t3', itouch('t3', ['c3'])],
    ]);
    const eur = attributed(
      'd1',
      1000,
      [
        { touchId: 't1', cents: 334, fraction: 1 / 3 },
        { touchId: 't2', cents: 333, fraction: 1 / 3 },
        { touchId: 't3', cents: 333, fraction: 1 / 3 },
      ],
      'EUR',
    );
    tally.addDeal({ attribution: eur, touches, won: true, homeCents: 1085 });
    const cents = ['c1', 'c2', 'c3'].map((c) =>
      Math.round(Number(tally.values('contacts', c)['attribution_influenced_revenue']) * 100),
    );
    expect(cents.reduce((s, c) => s + c, 0)).toBe(1085);
    // 1085 × 334/1000 = 362.39, × 333/1000 = 361.305: the odd cent goes to the largest remainder.
    expect(cents).toEqual([363, 361, 361]);
    const none = new InfluenceTally('USD');
    none.addDeal({ attribution: eur, touches, won: true, homeCents: undefined });
    expect(none.values('contacts', 'c1')).toEqual({
      attribution_influenced_revenue: '0.00',
      attribution_touchpoints: '1',
    });
  });

  it('refuses a deal whose touch is gone, adding nothing', () => {
    const tally = new InfluenceTally('USD');
    const r = tally.addDeal({
      attribution: attributed('d1', 100, [{ touchId: 'tx', cents: 100, fraction: 1 }]),
      touches: new Map(),
      won: true,
      homeCents: 100,
    });
    expect(r).toMatchObject({ ok: false, error: 'touch_missing' });
    expect([...tally.ids('contacts')]).toEqual([]);
  });

  it('keeps every cent: contact totals equal the won amounts over random deals', () => {
    const rnd = mulberry32(7);
    const tally = new InfluenceTally('USD');
    const contacts = Array.from({ length: 12 }, (_, i) => `c${i}`);
    let wonTotal = 0;
    for (let d = 0; d < 200; d++) {
      const n = 1 + Math.floor(rnd() * 6);
      const touches = new Map<string, InfluenceTouch>();
      const fractions: number[] = [];
      for (let i = 0; i < n; i++) {
        const k = 1 + Math.floor(rnd() * 3);
        const ids = Array.from({ length: k }, () => contacts[Math.floor(rnd() * contacts.length)]!);
        touches.set(`d${d}t${i}`, itouch(`d${d}t${i}`, ids, [`co${Math.floor(rnd() * 3)}`]));
        fractions.push(rnd() + 0.01);
      }
      const amount = Math.floor(rnd() * 10_000_000);
      const cents = allocate(amount, fractions);
      const sum = fractions.reduce((s, f) => s + f, 0);
      const credits = [...touches.keys()].map((touchId, i) => ({
        touchId,
        cents: cents[i]!,
        fraction: fractions[i]! / sum,
      }));
      const isWon = rnd() < 0.6;
      if (isWon) wonTotal += amount;
      tally.addDeal({
        attribution: attributed(`d${d}`, amount, credits),
        touches,
        won: isWon,
        homeCents: amount,
      });
    }
    const total = (kind: 'contacts' | 'companies'): number =>
      [...tally.ids(kind)].reduce(
        (s, id) =>
          s + Math.round(Number(tally.values(kind, id)['attribution_influenced_revenue']) * 100),
        0,
      );
    expect(total('contacts')).toBe(wonTotal);
    expect(total('companies')).toBe(wonTotal);
  });
});
