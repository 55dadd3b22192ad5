// Hand-made closed (or open) deal journeys for the evaluation tests: one contact, touches of the
// given channels one minute apart from the deal's creation, assembled by the engine.

import type { DealStage } from '../../../src/domain/index.js';
import {
  assembleJourney,
  DEFAULT_JOURNEY_OPTIONS,
  type Journey,
  type Touchpoint,
} from '../../../src/attribution/index.js';
import { DAY, T0 } from './synthetic.js';

export interface DealSpec {
  readonly stage?: DealStage;
  /** Days after T0 the deal was created (default 0). */
  readonly createdDay?: number;
  /** Days after T0 the deal closed (default createdDay + 10); ignored for open deals. */
  readonly closedDay?: number;
  readonly cents?: number;
}

export function deal(id: string, channels: readonly string[], spec: DealSpec = {}): Journey {
  const stage = spec.stage ?? 'won';
  const createdAt = T0 + (spec.createdDay ?? 0) * DAY;
  const closedAt = T0 + (spec.closedDay ?? (spec.createdDay ?? 0) + 10) * DAY;
  const contactId = `${id}-c`;
  const touches: Touchpoint[] = channels.map((channel, i) => ({
    id: `${id}-t${String(i).padStart(3, '0')}`,
    occurredAt: createdAt + i * 60_000,
    contactIds: [contactId],
    kind: 'visit',
    channel,
    team: 'marketing',
  }));
  return assembleJourney(
    {
      deal: {
        id,
        amount: { cents: spec.cents ?? 100_000, currency: 'USD' },
        createdAt,
        ...(stage === 'open' ? {} : { closedAt }),
        stage,
        contactIds: [contactId],
        companyIds: [],
      },
      contacts: [{ id: contactId, createdAt: createdAt - DAY }],
      touches,
    },
    DEFAULT_JOURNEY_OPTIONS,
    closedAt,
  );
}

/** `count` copies of one journey shape with ids `${prefix}0`, `${prefix}1`, … */
export function deals(
  prefix: string,
  count: number,
  channels: readonly string[],
  spec: DealSpec = {},
): Journey[] {
  return Array.from({ length: count }, (_, i) => deal(`${prefix}${i}`, channels, spec));
}

/** A deterministic shuffle (Fisher–Yates on a small LCG), for order-independence checks. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
