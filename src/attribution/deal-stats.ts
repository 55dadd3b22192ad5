// Per-deal figures for the card and the written-back properties: marketing vs sales share, days
// to close, stakeholders touched, touch and reactivation counts.

import type { DealAttribution, Journey } from './types.js';

const DAY_MS = 86_400_000;

export interface DealStats {
  /** Σ credit fractions of marketing touches; null when the deal is unattributed. */
  readonly marketingShare: number | null;
  readonly salesShare: number | null;
  /** createdAt → closedAt in days, one decimal; null while open. */
  readonly daysToClose: number | null;
  /** Distinct buying-group contacts that appear on a journey touch. */
  readonly stakeholdersTouched: number;
  readonly touchCount: number;
  readonly reactivationCount: number;
}

export function dealStats(journey: Journey, attribution: DealAttribution): DealStats {
  const { deal, touches } = journey;
  let marketing: number | null = null;
  let sales: number | null = null;
  if (attribution.status === 'attributed') {
    marketing = 0;
    sales = 0;
    for (const c of attribution.credits) {
      if (touches[c.index]!.team === 'marketing') marketing += c.fraction;
      else sales += c.fraction;
    }
  }
  const group = new Set(deal.contactIds);
  for (const c of journey.contacts) group.add(c.id);
  const touched = new Set<string>();
  for (const t of touches) for (const id of t.contactIds) if (group.has(id)) touched.add(id);
  const daysToClose =
    deal.stage === 'open' || deal.closedAt === undefined
      ? null
      : Math.round(((deal.closedAt - deal.createdAt) / DAY_MS) * 10) / 10;
  return {
    marketingShare: marketing,
    salesShare: sales,
    daysToClose,
    stakeholdersTouched: touched.size,
    touchCount: touches.length,
    reactivationCount: journey.reactivations.length,
  };
}
