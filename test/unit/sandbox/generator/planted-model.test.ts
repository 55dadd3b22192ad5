import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, generatePortal } from '../../../../sandbox/generator/index.js';
import {
  accountTouches,
  channelsBetween,
  indexEvents,
} from '../../../../sandbox/generator/touches.js';
import { type CrmRecord, type Portal, associationsOf } from '../../../../sandbox/portal.js';

const YEAR_MS = 365 * 86_400_000;
let portal: Portal;

/** Closed deals with the channels the portal's data shows for their buying group. */
function closedDeals(p: Portal): { deal: CrmRecord; won: boolean; channels: Set<string> }[] {
  const index = indexEvents(p);
  const out = [];
  for (const deal of p.objects.deals.values()) {
    if (deal.archived || deal.properties.hs_is_closed !== 'true') continue;
    const company = associationsOf(p, 'deals', deal.id, 'companies')[0];
    if (!company) continue;
    const touches = accountTouches(p, company.toId, index);
    const created = Date.parse(deal.properties.createdate!);
    const closed = Date.parse(deal.properties.closedate!);
    out.push({
      deal,
      won: deal.properties.dealstage === 'closedwon',
      channels: channelsBetween(touches, created - YEAR_MS, closed),
    });
  }
  return out;
}

beforeAll(() => {
  portal = generatePortal({ seed: 11, scale: 'small' });
});

describe('planted truth', () => {
  it('ranks every channel exactly once, strongest effect first', () => {
    const { channels } = portal.truth;
    expect(channels.map((c) => c.rank).sort((a, b) => a - b)).toEqual(
      channels.map((_, i) => i + 1),
    );
    expect(new Set(channels.map((c) => c.channel))).toEqual(new Set(CHANNELS.map((c) => c.id)));
    const byRank = [...channels].sort((a, b) => a.rank - b.rank);
    for (let i = 1; i < byRank.length; i++)
      expect(byRank[i]!.effect).toBeLessThan(byRank[i - 1]!.effect);
  });

  it('matches, deal by deal, the channels the portal data shows for the buying group', () => {
    const truth = new Map((portal.truth.deals ?? []).map((d) => [d.dealId, d]));
    const observed = closedDeals(portal);
    expect(observed.length).toBeGreaterThan(100);
    for (const o of observed) {
      const t = truth.get(o.deal.id);
      expect(t, o.deal.id).toBeDefined();
      expect([...o.channels].sort(), o.deal.id).toEqual(t?.channels);
      expect(o.won).toBe(t?.won);
    }
  });

  it('enriches won deals in the strongest channel more than in the weakest', () => {
    const ranked = [...portal.truth.channels].sort((a, b) => a.rank - b.rank);
    const strongest = ranked[0]!.channel;
    const weakest = ranked.at(-1)!.channel;
    const deals = closedDeals(portal);
    // Log odds ratio of winning with vs without the channel (0.5 added to every cell).
    const logOddsRatio = (channel: string): number => {
      const cell = (present: boolean, won: boolean) =>
        deals.filter((d) => d.channels.has(channel) === present && d.won === won).length + 0.5;
      return Math.log(
        (cell(true, true) * cell(false, false)) / (cell(true, false) * cell(false, true)),
      );
    };
    const strong = logOddsRatio(strongest);
    const weak = logOddsRatio(weakest);
    expect(strong).toBeGreaterThan(0.5);
    expect(strong - weak).toBeGreaterThan(0.5);
  });

  it('wins a plausible share of closed deals', () => {
    const deals = closedDeals(portal);
    const rate = deals.filter((d) => d.won).length / deals.length;
    expect(rate).toBeGreaterThan(0.2);
    expect(rate).toBeLessThan(0.6);
  });
});

describe('revived dormant accounts', () => {
  it('lists revived deals whose account was silent ≥ 60 days before one reviving touch', () => {
    const index = indexEvents(portal);
    const revivals = portal.truth.revivals ?? [];
    expect(revivals.length).toBeGreaterThan(0);
    expect(portal.truth.revivedDeals).toEqual(revivals.map((r) => r.dealId));
    for (const r of revivals) {
      const touches = accountTouches(portal, r.companyId, index);
      const reviving = touches.filter((t) => t.at === r.occurredAt && t.contactId === r.contactId);
      expect(
        reviving.map((t) => t.channel),
        r.dealId,
      ).toContain(r.channel);
      const before = touches.filter((t) => t.at < r.occurredAt);
      expect(before.length, r.dealId).toBeGreaterThan(0);
      const silence = r.occurredAt - Math.max(...before.map((t) => t.at));
      expect(silence, r.dealId).toBeGreaterThanOrEqual(60 * 86_400_000);
      const deal = portal.objects.deals.get(r.dealId)!;
      const created = Date.parse(deal.properties.createdate!);
      expect(created).toBeGreaterThan(r.occurredAt);
      // Nothing else happens between the reviving touch and the deal it leads to.
      expect(
        touches.filter((t) => t.at > r.occurredAt && t.at < created),
        r.dealId,
      ).toEqual([]);
    }
  });
});
