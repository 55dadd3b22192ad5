// Logistic's learned model applied per deal (ATTRIBUTION.md §4.5): weights are the positive parts
// of the coefficients, and each reason states the coefficient and its bootstrap interval.

import { describe, expect, it } from 'vitest';
import {
  attributeWithLearned,
  channelWeights,
  rowsFromJourneys,
} from '../../../src/attribution/apply-learned.js';
import { logistic, logisticOptions } from '../../../src/attribution/models/logistic.js';
import type { LearnedModel } from '../../../src/attribution/models/model.js';
import { mulberry32 } from '../../../src/kernel/index.js';
import { journey } from './plain-journey.js';

/** Conversions deliberately not in proportion to the coefficients. */
const LOGISTIC: LearnedModel = {
  model: 'logistic',
  channels: [
    {
      channel: 'email',
      conversions: 1,
      value: 0,
      coefficient: 0.62,
      interval: { lo: 0.41, hi: 0.8 },
    },
    { channel: 'paid_search', conversions: 9, value: 0, coefficient: 0.31 },
    {
      channel: 'webinar',
      conversions: 5,
      value: 0,
      coefficient: -0.124,
      interval: { lo: -0.3, hi: 0.05 },
    },
  ],
  totalConversions: 15,
  totalValue: 0,
  intercept: -1,
  l2: 1,
  bootstrap: 200,
  seed: 1,
  warnings: [],
};

describe('attributeWithLearned with logistic', () => {
  it('weighs channels by their positive coefficients and explains coefficient and interval', () => {
    const w = channelWeights(LOGISTIC);
    expect(w.get('email')).toBeCloseTo(2 / 3, 15);
    expect(w.get('paid_search')).toBeCloseTo(1 / 3, 15);
    expect(w.get('webinar')).toBe(0);
    const a = attributeWithLearned(
      journey(['email', 'paid_search', 'paid_search', 'webinar']),
      LOGISTIC,
    );
    if (a.status !== 'attributed') throw new Error(a.status);
    expect(a.credits.map((c) => c.cents)).toEqual([66_667, 16_667, 16_666, 0]);
    expect(a.credits.map((c) => c.reason)).toEqual([
      '66.7% — email earns 66.7% of credit across the portal (logistic coefficient +0.62, 90% interval +0.41…+0.80); it is the only touch of that channel here',
      '16.7% — paid_search earns 33.3% of credit across the portal (logistic coefficient +0.31); 2 touches here share it',
      '16.7% — paid_search earns 33.3% of credit across the portal (logistic coefficient +0.31); 2 touches here share it',
      '0% — webinar earns no credit across the portal (logistic coefficient -0.12, 90% interval -0.30…+0.05)',
    ]);
    const b = attributeWithLearned(journey(['webinar', 'webinar'], { cents: 101 }), LOGISTIC);
    expect(b).toMatchObject({ status: 'attributed', fallback: 'linear' });
    expect(b.credits.map((c) => c.cents)).toEqual([51, 50]);
    expect(b.credits[0]!.reason).toMatch(
      /no channel of this deal earns credit in the logistic model/,
    );
  });

  it('learned from won and lost deals, gives every deal cents that sum to its amount', () => {
    const rand = mulberry32(5);
    const channels = ['email', 'paid_search', 'webinar', 'direct'];
    const deals = Array.from({ length: 300 }, (_, i) => {
      const path = channels.filter(() => rand() < 0.5);
      const won = rand() < (path.includes('email') ? 0.6 : 0.3);
      const cents = Math.floor(rand() * 10_000_000);
      return journey(path, { id: `d${i}`, cents, stage: won ? 'won' : 'lost' });
    });
    const learned = logistic.learn(
      rowsFromJourneys(deals),
      logisticOptions.parse({ bootstrap: 50 }),
    );
    if (!learned.ok) throw new Error(learned.message);
    const email = learned.value.channels.find((c) => c.channel === 'email')!;
    expect(email.coefficient).toBeGreaterThan(0.5); // planted: odds 0.6/0.4 vs 0.3/0.7
    for (const deal of deals) {
      const a = attributeWithLearned(deal, learned.value);
      if (deal.touches.length === 0) {
        expect(a).toMatchObject({
          status: 'unattributed',
          unattributedCents: deal.deal.amount.cents,
        });
        continue;
      }
      expect(a.credits.reduce((s, c) => s + c.cents, 0)).toBe(deal.deal.amount.cents);
      for (const c of a.credits)
        expect(c.reason).toMatch(/logistic (coefficient [-+]?\d\.\d\d, 90% interval|model)/);
    }
  });
});
