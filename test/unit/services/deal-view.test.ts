// The card's view is stored keyed by what it is built from plus VIEW_VERSION (ADR 0008), so a
// change to what dealView builds must bump VIEW_VERSION — or stored views stay stale until their
// deal changes. This pins one view's JSON: when it fails, bump VIEW_VERSION in
// src/services/deal-view.ts and put the new hash here.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  assembleJourney,
  attributeJourney,
  DEFAULT_JOURNEY_OPTIONS,
} from '../../../src/attribution/index.js';
import { dealView, VIEW_VERSION } from '../../../src/services/deal-view.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

function view() {
  const deal = {
    id: '42',
    amount: { cents: 1_000_000, currency: 'USD' },
    createdAt: T0 + 20 * DAY,
    closedAt: T0 + 60 * DAY,
    stage: 'won' as const,
    contactIds: ['1', '2'],
    companyIds: ['9'],
    name: 'Pinned deal',
  };
  const journey = assembleJourney(
    {
      deal,
      contacts: [
        { id: '1', createdAt: T0 + 5 * DAY, name: 'Ana Lee', role: 'DECISION_MAKER' },
        { id: '2', createdAt: T0 + 15 * DAY, name: 'Ben Ode' },
      ],
      touches: [
        {
          id: 'a',
          occurredAt: T0 + 5 * DAY,
          contactIds: ['1'],
          kind: 'form_submission',
          channel: 'paid_search',
          team: 'marketing',
          createdContactIds: ['1'],
          title: 'Form: demo',
        },
        {
          id: 'b',
          occurredAt: T0 + 19 * DAY,
          contactIds: ['2'],
          kind: 'meeting',
          channel: 'sales_meeting',
          team: 'sales',
          title: 'Discovery',
        },
        {
          id: 'c',
          occurredAt: T0 + 58 * DAY,
          contactIds: ['1', '2'],
          kind: 'email_click',
          channel: 'email',
          team: 'marketing',
        },
      ],
    },
    DEFAULT_JOURNEY_OPTIONS,
    T0 + 90 * DAY,
  );
  const outcome = (model: 'w_shaped' | 'linear') => ({
    ok: true as const,
    attribution: attributeJourney(journey, model, undefined, undefined),
  });
  return dealView({
    portalId: 7,
    loaded: { deal, amountMissing: false, stageLabel: 'Closed won', pipelineLabel: 'Sales' },
    journey,
    model: 'w_shaped',
    outcome: outcome('w_shaped'),
    comparison: [{ model: 'linear', outcome: outcome('linear') }],
    settingsVersion: 3,
    now: T0 + 90 * DAY,
  });
}

describe('dealView', () => {
  it('builds the pinned view for VIEW_VERSION (bump it when this changes)', () => {
    const body = view();
    expect(body.touchpoints.reduce((s, t) => s + t.credit.cents, 0)).toBe(1_000_000);
    const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    expect({ VIEW_VERSION, hash }).toEqual({
      VIEW_VERSION: 1,
      hash: 'ee8a8601c2bec70669c4c75336f55aae3d18d24d70119b54bd65877573597417',
    });
  });
});
