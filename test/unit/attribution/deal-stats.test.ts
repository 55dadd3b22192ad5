import { describe, expect, it } from 'vitest';
import { attributeJourney } from '../../../src/attribution/attribute.js';
import { dealStats } from '../../../src/attribution/deal-stats.js';
import { assembleJourney, DEFAULT_JOURNEY_OPTIONS } from '../../../src/attribution/journey.js';
import type { Deal } from '../../../src/attribution/types.js';
import { C1, C2, DEAL, TOUCHES, without } from './worked-example.js';

const NOW = Date.UTC(2025, 0, 1);
const journeyOf = (deal: Deal = DEAL, touches = TOUCHES, contacts = [C1, C2]) =>
  assembleJourney({ deal, contacts, touches }, DEFAULT_JOURNEY_OPTIONS, NOW);

describe('dealStats (the domain’s DealStats)', () => {
  it('sums credit fractions by team, counts touches, stakeholders and reactivations', () => {
    const j = journeyOf();
    const s = dealStats(j, attributeJourney(j, 'u_shaped'));
    // Only t5 (sales_meeting) is a sales touch: a 5 % middle share under u_shaped.
    expect(s.salesShare).toBeCloseTo(0.05, 15);
    expect(s.marketingShare).toBeCloseTo(0.95, 15);
    expect(s.touchpoints).toBe(6);
    expect(s.stakeholders).toBe(2);
    expect(s.reactivations).toBe(3);
  });

  it('measures days to close with one decimal, null while open', () => {
    // 2024-03-01T00:00 → 2024-06-01T12:00 is 92.5 days.
    expect(dealStats(journeyOf(), attributeJourney(journeyOf(), 'linear')).daysToClose).toBe(92.5);
    const open = journeyOf({ ...without(DEAL, 'closedAt'), stage: 'open' });
    expect(dealStats(open, attributeJourney(open, 'linear')).daysToClose).toBeNull();
  });

  it('counts only buying-group contacts as stakeholders, once each', () => {
    const touches = TOUCHES.map((t) =>
      t.id === 't3' ? { ...t, contactIds: ['C2', 'C1', 'stranger'] } : t,
    );
    const deal = { ...DEAL, contactIds: ['C1'] };
    const j = journeyOf(deal, touches);
    expect(dealStats(j, attributeJourney(j, 'linear')).stakeholders).toBe(1);
  });

  it('reports null shares for an unattributed deal', () => {
    const j = journeyOf(DEAL, []);
    const s = dealStats(j, attributeJourney(j, 'linear'));
    expect(s).toEqual({
      marketingShare: null,
      salesShare: null,
      daysToClose: 92.5,
      stakeholders: 0,
      touchpoints: 0,
      reactivations: 0,
    });
  });

  it('shows the figures that need no credit when there is no attribution at all', () => {
    const j = journeyOf();
    expect(dealStats(j, null)).toEqual({
      touchpoints: 6,
      stakeholders: 2,
      daysToClose: 92.5,
      marketingShare: null,
      salesShare: null,
      reactivations: 3,
    });
  });
});
