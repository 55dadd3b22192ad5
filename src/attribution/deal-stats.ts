// Per-deal figures for the card and the written-back properties (the domain's DealStats):
// touches, stakeholders touched, days to close, marketing vs sales share, reactivations.

import type { DealStats } from '../domain/index.js';
import type { DealAttribution, Journey } from './types.js';

const DAY_MS = 86_400_000;

/**
 * The journey's figures; the shares need an attribution (null without one, or when the deal is
 * unattributed), the rest do not: a data-driven model that could not learn still shows them.
 */
export function dealStats(journey: Journey, attribution: DealAttribution | null): DealStats {
  const { deal, touches } = journey;
  let marketing: number | null = null;
  let sales: number | null = null;
  if (attribution?.status === 'attributed') {
    marketing = 0;
    sales = 0;
    for (const c of attribution.credits) {
      if (touches[c.index]!.team === 'marketing') marketing += c.fraction;
      else sales += c.fraction;
    }
  }
  // Distinct buying-group contacts that appear on a journey touch.
  const group = new Set(deal.contactIds);
  for (const c of journey.contacts) group.add(c.id);
  const touched = new Set<string>();
  for (const t of touches) for (const id of t.contactIds) if (group.has(id)) touched.add(id);
  const daysToClose =
    deal.stage === 'open' || deal.closedAt === undefined
      ? null
      : Math.round(((deal.closedAt - deal.createdAt) / DAY_MS) * 10) / 10;
  // Key order as the card's body has always had it.
  return {
    touchpoints: touches.length,
    stakeholders: touched.size,
    daysToClose,
    marketingShare: marketing,
    salesShare: sales,
    reactivations: journey.reactivations.length,
  };
}
