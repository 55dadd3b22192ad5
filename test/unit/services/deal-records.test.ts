import { describe, expect, it } from 'vitest';
import {
  parseContact,
  parseDeal,
  parsePipelines,
  parseTimestamp,
  type DataProblem,
} from '../../../src/services/deal-records.js';
import type { StoredRecord } from '../../../src/store/index.js';

const record = (
  id: string,
  properties: StoredRecord['properties'],
  extra: Partial<StoredRecord> = {},
): StoredRecord => ({
  id,
  properties,
  history: {},
  createdAt: null,
  updatedAt: 1_700_000_000_000,
  archived: false,
  archivedAt: null,
  contentHash: 'x',
  syncedAt: 0,
  ...extra,
});

const pipelines = parsePipelines(
  [
    record('p1', {
      label: 'New business',
      objectType: 'deals',
      stages: [
        { id: 'open1', label: 'Demo', metadata: { isClosed: 'false', probability: '0.4' } },
        { id: 'won1', label: 'Won', metadata: { isClosed: 'true', probability: '1.0' } },
        { id: 'lost1', label: 'Lost', metadata: { isClosed: 'true', probability: '0.0' } },
      ],
    }),
  ],
  [],
);
const links = { contactIds: ['1'], companyIds: [] };

describe('parseTimestamp', () => {
  it('reads ms numbers, ms strings and ISO strings, and nothing else', () => {
    expect(parseTimestamp(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(parseTimestamp('1700000000000')).toBe(1_700_000_000_000);
    expect(parseTimestamp('2024-03-01T00:00:00.000Z')).toBe(Date.parse('2024-03-01T00:00:00Z'));
    expect(parseTimestamp('2024-03-01')).toBe(Date.parse('2024-03-01T00:00:00Z'));
    for (const bad of ['', '  ', 'soon', '12:00', null, undefined, true, Number.NaN]) {
      expect(parseTimestamp(bad), String(bad)).toBeUndefined();
    }
  });
});

describe('parseDeal', () => {
  it('turns decimal amounts into minor units of the deal currency', () => {
    const d = parseDeal(
      record('9', {
        amount: '0.9000000000000000222',
        deal_currency_code: 'kwd',
        createdate: '1700000000000',
      }),
      links,
      pipelines,
      'USD',
      [],
    );
    expect(d?.deal.amount).toEqual({ cents: 900, currency: 'KWD' });
    expect(d?.amountMissing).toBe(false);
  });

  it('falls back to the portal currency, and keeps a deal without amount as such', () => {
    const problems: DataProblem[] = [];
    const d = parseDeal(
      record('9', { amount: '', createdate: '1700000000000' }),
      links,
      pipelines,
      'EUR',
      problems,
    );
    expect(d?.deal.amount).toEqual({ cents: 0, currency: 'EUR' });
    expect(d?.amountMissing).toBe(true);
    expect(problems).toEqual([]);
    const bad = parseDeal(
      record('8', { amount: '12,5', createdate: '1700000000000' }),
      links,
      pipelines,
      'EUR',
      problems,
    );
    expect(bad?.amountMissing).toBe(true);
    expect(problems).toEqual([
      {
        objectType: 'deals',
        id: '8',
        field: 'amount',
        message: expect.stringMatching(/not a decimal/) as string,
      },
    ]);
  });

  it('reads the stage from HubSpot flags first, then the pipeline metadata', () => {
    const stage = (props: StoredRecord['properties']) =>
      parseDeal(
        record('1', {
          createdate: '1700000000000',
          closedate: '1700000100000',
          pipeline: 'p1',
          ...props,
        }),
        links,
        pipelines,
        'USD',
        [],
      )?.deal.stage;
    expect(stage({ hs_is_closed_won: 'true', hs_is_closed: 'true', dealstage: 'open1' })).toBe(
      'won',
    );
    expect(stage({ hs_is_closed_won: 'false', hs_is_closed: 'true' })).toBe('lost');
    expect(stage({ hs_is_closed_won: 'false', hs_is_closed: 'false', dealstage: 'won1' })).toBe(
      'open',
    );
    expect(stage({ dealstage: 'won1' })).toBe('won');
    expect(stage({ dealstage: 'lost1' })).toBe('lost');
    expect(stage({ dealstage: 'open1' })).toBe('open');
    expect(stage({ dealstage: 'unknown' })).toBe('open');
  });

  it('dates a closed deal without closedate by when it reached its stage, and says so', () => {
    const problems: DataProblem[] = [];
    const d = parseDeal(
      record(
        '5',
        { createdate: '2024-01-01T00:00:00Z', dealstage: 'won1', pipeline: 'p1' },
        {
          history: {
            dealstage: [
              { value: 'open1', timestamp: 1 },
              { value: 'won1', timestamp: 1_710_000_000_000 },
            ],
          },
        },
      ),
      links,
      pipelines,
      'USD',
      problems,
    );
    expect(d?.deal).toMatchObject({ stage: 'won', closedAt: 1_710_000_000_000 });
    expect(d).toMatchObject({ stageLabel: 'Won', pipelineLabel: 'New business' });
    expect(problems.map((p) => p.field)).toEqual(['closedate']);
  });

  it('skips a deal without a creation date and reports it', () => {
    const problems: DataProblem[] = [];
    expect(
      parseDeal(record('4', { createdate: 'never' }), links, pipelines, 'USD', problems),
    ).toBeUndefined();
    expect(problems[0]).toMatchObject({ id: '4', field: 'createdate' });
  });
});

describe('parseContact', () => {
  it('names the contact, takes the first buying role and merges company ids', () => {
    const c = parseContact(
      record('7', {
        firstname: 'Ana',
        lastname: null,
        createdate: '1700000000000',
        hs_buying_role: 'DECISION_MAKER;CHAMPION',
        associatedcompanyid: '30',
      }),
      ['40', '30'],
      [],
    );
    expect(c).toEqual({
      id: '7',
      createdAt: 1_700_000_000_000,
      name: 'Ana',
      role: 'DECISION_MAKER',
      companyIds: ['30', '40'],
    });
    const byEmail = parseContact(record('8', { email: 'x@y.z' }, { createdAt: 5 }), [], []);
    expect(byEmail).toEqual({ id: '8', createdAt: 5, name: 'x@y.z', companyIds: [] });
  });
});
