// Credit per channel: the one sum behind the card's channel shares, the portal's revenue totals
// and the written-back attribution_revenue_<channel> properties, so the three always agree.

import type { Credit, DealAttribution } from './types.js';

export interface ChannelSum {
  cents: number;
  fraction: number;
}

/** Each channel's cents and fraction: the sums of its touches' credits (insertion order). */
export function creditByChannel(
  attribution: DealAttribution,
  channelOf: (credit: Credit) => string,
): Map<string, ChannelSum> {
  const out = new Map<string, ChannelSum>();
  for (const c of attribution.credits) {
    const channel = channelOf(c);
    const total = out.get(channel);
    if (total === undefined) out.set(channel, { cents: c.cents, fraction: c.fraction });
    else {
      total.cents += c.cents;
      total.fraction += c.fraction;
    }
  }
  return out;
}
