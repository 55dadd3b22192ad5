// Synthetic portals for the evaluation tests and benchmark: one contact per deal, touches of
// weighted random channels between 30 days before deal creation and the close, and (optionally)
// a planted outcome: P(won) = logistic(base + Σ effect of the distinct channels), as the sandbox
// plants it. Journeys come from the engine's own assembleJourney.

import {
  assembleJourney,
  DEFAULT_JOURNEY_OPTIONS,
  type Deal,
  type Journey,
  type Touchpoint,
} from '../../../src/attribution/index.js';
import { mulberry32 } from '../../../src/kernel/index.js';

export const DAY = 86_400_000;
export const T0 = Date.UTC(2023, 0, 1);

export interface SyntheticChannel {
  readonly id: string;
  /** Additive log-odds of winning when the channel touched the deal. */
  readonly effect: number;
  /** Relative frequency of the channel among touches. */
  readonly weight: number;
}

export interface SyntheticOptions {
  readonly deals: number;
  readonly seed: number;
  readonly channels: readonly SyntheticChannel[];
  /** Base log-odds of winning. */
  readonly base: number;
  /** Ignore the channels: every closed deal is won with probability logistic(base). */
  readonly random?: boolean;
  /** Touches per deal, inclusive range. */
  readonly touches: readonly [number, number];
  readonly daysToClose: readonly [number, number];
  /** Share of deals still open (default 0). */
  readonly openShare?: number;
  /** Deal creation dates spread over this many days from T0 (default 600). */
  readonly spanDays?: number;
  /** Amount of every deal in cents (default 1,000,000). */
  readonly cents?: number;
}

const logistic = (z: number): number => 1 / (1 + Math.exp(-z));

export function syntheticJourneys(o: SyntheticOptions): Journey[] {
  const rand = mulberry32(o.seed);
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const totalWeight = o.channels.reduce((s, c) => s + c.weight, 0);
  const pick = () => {
    let r = rand() * totalWeight;
    for (const c of o.channels) if ((r -= c.weight) < 0) return c;
    return o.channels[o.channels.length - 1]!;
  };
  const span = o.spanDays ?? 600;
  const end = T0 + (span + o.daysToClose[1] + 1) * DAY;
  const journeys: Journey[] = [];
  for (let d = 0; d < o.deals; d++) {
    const createdAt = T0 + Math.floor(rand() * span * DAY);
    const closeAt = createdAt + between(o.daysToClose[0], o.daysToClose[1]) * DAY;
    const open = rand() < (o.openShare ?? 0);
    const contactId = `c${d}`;
    const contactCreated = createdAt - 30 * DAY;
    const n = between(o.touches[0], o.touches[1]);
    const touches: Touchpoint[] = [];
    const seen = new Set<SyntheticChannel>();
    for (let i = 0; i < n; i++) {
      const channel = pick();
      seen.add(channel);
      const occurredAt =
        i === 0 ? contactCreated : contactCreated + Math.floor(rand() * (closeAt - contactCreated));
      touches.push({
        id: `d${d}t${i}`,
        occurredAt,
        contactIds: [contactId],
        kind: 'visit',
        channel: channel.id,
        team: 'marketing',
        ...(i === 0 ? { createdContactIds: [contactId] } : {}),
      });
    }
    let z = o.base;
    if (!o.random) for (const c of seen) z += c.effect;
    const won = rand() < logistic(z);
    const deal: Deal = {
      id: `deal${String(d).padStart(6, '0')}`,
      amount: { cents: o.cents ?? 1_000_000, currency: 'USD' },
      createdAt,
      ...(open ? {} : { closedAt: closeAt }),
      stage: open ? 'open' : won ? 'won' : 'lost',
      contactIds: [contactId],
      companyIds: [],
    };
    journeys.push(
      assembleJourney(
        { deal, contacts: [{ id: contactId, createdAt: contactCreated }], touches },
        DEFAULT_JOURNEY_OPTIONS,
        end,
      ),
    );
  }
  return journeys;
}

/** Channels and effects shaped like the sandbox's planted model (sandbox/generator/channels.ts). */
export const SANDBOX_LIKE: readonly SyntheticChannel[] = [
  { id: 'webinar', effect: 1.1, weight: 5 },
  { id: 'sales_meeting', effect: 0.9, weight: 6 },
  { id: 'event', effect: 0.75, weight: 2.5 },
  { id: 'referral', effect: 0.6, weight: 4 },
  { id: 'organic_search', effect: 0.45, weight: 12 },
  { id: 'sales_call', effect: 0.35, weight: 9 },
  { id: 'email', effect: 0.25, weight: 12 },
  { id: 'linkedin', effect: 0.18, weight: 5 },
  { id: 'paid_search', effect: 0.1, weight: 9 },
  { id: 'sales_email', effect: 0.04, weight: 12 },
  { id: 'direct', effect: 0, weight: 10 },
  { id: 'offline', effect: -0.05, weight: 6 },
  { id: 'sms', effect: -0.1, weight: 2 },
  { id: 'paid_social', effect: -0.15, weight: 8 },
  { id: 'organic_social', effect: -0.2, weight: 6 },
  { id: 'other_campaigns', effect: -0.25, weight: 4 },
];
