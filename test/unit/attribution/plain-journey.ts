// A plain deal journey for the tests of learned models applied per deal.

import type { DealStage } from '../../../src/domain/index.js';
import type { Journey, Milestones, Touchpoint } from '../../../src/attribution/types.js';

const T0 = Date.UTC(2024, 2, 1);

/** A plain journey: touches of the given channels, one hour apart, ids t0, t1, … */
export function journey(
  channels: readonly string[],
  opts: {
    id?: string;
    cents?: number;
    currency?: string;
    stage?: DealStage;
    milestones?: Milestones;
  } = {},
): Journey {
  const touches: Touchpoint[] = channels.map((channel, i) => ({
    id: `t${i}`,
    occurredAt: T0 + i * 3_600_000,
    contactIds: ['c1'],
    kind: 'visit',
    channel,
    team: 'marketing',
  }));
  const stage = opts.stage ?? 'won';
  return {
    deal: {
      id: opts.id ?? 'd1',
      amount: { cents: opts.cents ?? 100_000, currency: opts.currency ?? 'USD' },
      createdAt: T0,
      ...(stage === 'open' ? {} : { closedAt: T0 + 86_400_000 }),
      stage,
      contactIds: ['c1'],
      companyIds: [],
    },
    touches,
    end: T0 + 86_400_000,
    start: T0 - 365 * 86_400_000,
    milestones: opts.milestones ?? {},
    pendingClose: false,
    contacts: [{ id: 'c1', createdAt: T0 }],
    reactivations: [],
    deduplicated: [],
  };
}
