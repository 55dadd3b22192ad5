import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../../../src/store/index.js';
import { dealRecordFacts } from '../../../src/writeback/deal-facts.js';

function deal(properties: Record<string, string | null>): StoredRecord {
  return {
    id: '9',
    properties,
    history: {},
    createdAt: null,
    updatedAt: 0,
    archived: false,
    archivedAt: null,
    contentHash: 'x',
    syncedAt: 0,
  };
}

const usd = { cents: 150_000, currency: 'USD' };

describe('dealRecordFacts', () => {
  it('reads a won deal with ISO and ms dates', () => {
    const r = dealRecordFacts(
      deal({
        createdate: '2025-01-01T00:00:00.000Z',
        closedate: String(Date.UTC(2025, 1, 1)),
        hs_is_closed: 'true',
        hs_is_closed_won: 'true',
      }),
      usd,
      'USD',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        createdAt: Date.UTC(2025, 0, 1),
        closedAt: Date.UTC(2025, 1, 1),
        stage: 'won',
        homeCents: 150_000,
      },
    });
  });

  it('ignores the expected close date of an open deal and converts a foreign amount', () => {
    const r = dealRecordFacts(
      deal({
        createdate: '2025-01-01T00:00:00.000Z',
        closedate: '2025-06-01T00:00:00.000Z',
        hs_is_closed: 'false',
        amount_in_home_currency: '1627.50',
      }),
      { cents: 150_000, currency: 'EUR' },
      'USD',
    );
    expect(r).toMatchObject({ ok: true, value: { stage: 'open', homeCents: 162_750 } });
    expect(r.ok && 'closedAt' in r.value).toBe(false);
  });

  it('falls back on dealstage and leaves an unknown home amount undefined', () => {
    const r = dealRecordFacts(
      deal({ createdate: '1735689600000', dealstage: 'closedlost', closedate: '2025-02-01' }),
      { cents: 1, currency: 'EUR' },
      'USD',
    );
    expect(r).toMatchObject({ ok: true, value: { stage: 'lost', homeCents: undefined } });
  });

  it('names the field of a bad date or a missing creation date', () => {
    expect(dealRecordFacts(deal({ createdate: 'soon' }), usd, 'USD')).toMatchObject({
      ok: false,
      error: 'invalid_deal',
      message: expect.stringContaining('properties.createdate') as unknown,
    });
    expect(dealRecordFacts(deal({}), usd, 'USD')).toMatchObject({
      ok: false,
      message: expect.stringContaining('createdate is missing') as unknown,
    });
    expect(
      dealRecordFacts(deal({ createdate: '2025-01-01', closedate: 'x' }), usd, 'USD'),
    ).toMatchObject({ ok: false, message: expect.stringContaining('closedate') as unknown });
  });
});
