import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { batchReadObjects, listObjects } from '../../../src/hubspot/readers/objects.js';
import { BASE, JSON_HEADERS, testApi, useNock } from './nock-api.js';

useNock();

const deal = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  properties: {
    amount: '1500.00',
    hs_object_id: id,
    hs_lastmodifieddate: '2025-03-01T09:00:00.000Z',
  },
  createdAt: '2025-01-02T10:00:00.000Z',
  updatedAt: '2025-03-01T09:00:00.000Z',
  archived: false,
  ...extra,
});

describe('listObjects', () => {
  it('maps a page: ids, ms times, history oldest first, deduplicated inline associations', async () => {
    nock(BASE)
      .get('/crm/v3/objects/deals')
      .query({
        limit: '50',
        properties: 'amount,dealstage',
        propertiesWithHistory: 'dealstage',
        associations: 'contacts,companies',
        archived: 'false',
      })
      .reply(
        200,
        {
          results: [
            deal('512', {
              propertiesWithHistory: {
                dealstage: [
                  {
                    value: 'closedwon',
                    timestamp: '2025-03-01T09:00:00.000Z',
                    sourceType: 'CRM_UI',
                    sourceId: 'userId:286',
                    updatedByUserId: 286,
                  },
                  { value: 'appointmentscheduled', timestamp: '1735812000000', sourceType: 'API' },
                ],
              },
              associations: {
                contacts: {
                  results: [
                    { id: '201', type: 'deal_to_contact' },
                    { id: '201', type: 'deal_to_contact' },
                    { id: 202, type: 'deal_to_contact' },
                  ],
                },
                companies: {
                  results: [
                    { id: '301', type: 'deal_to_company' },
                    { id: '301', type: 'deal_to_company_unlabeled' },
                    { id: '302', type: 'deal_to_company' },
                  ],
                  paging: { next: { after: 'MzAy', link: '…' } },
                },
              },
            }),
          ],
          paging: { next: { after: '513', link: '?after=513' } },
        },
        JSON_HEADERS,
      );
    const { api } = testApi();
    const page = await listObjects(api, 'deals', {
      properties: ['amount', 'dealstage'],
      propertiesWithHistory: ['dealstage'],
      associations: ['contacts', 'companies'],
    });
    expect(page.next).toBe('513');
    expect(page.malformed).toBe(0);
    expect(page.items).toEqual([
      {
        id: '512',
        properties: {
          amount: '1500.00',
          hs_object_id: '512',
          hs_lastmodifieddate: '2025-03-01T09:00:00.000Z',
        },
        history: {
          dealstage: [
            { value: 'appointmentscheduled', timestamp: 1735812000000, sourceType: 'API' },
            {
              value: 'closedwon',
              timestamp: Date.parse('2025-03-01T09:00:00.000Z'),
              sourceType: 'CRM_UI',
              sourceId: 'userId:286',
              updatedByUserId: 286,
            },
          ],
        },
        createdAt: Date.parse('2025-01-02T10:00:00.000Z'),
        updatedAt: Date.parse('2025-03-01T09:00:00.000Z'),
        archived: false,
        associations: {
          contacts: {
            ids: [
              { id: '201', typeIds: [3] },
              { id: '202', typeIds: [3] },
            ],
            truncated: false,
          },
          // Primary (5) next to unlabeled (341); a lone plain name is the default id.
          companies: {
            ids: [
              { id: '301', typeIds: [5, 341] },
              { id: '302', typeIds: [341] },
            ],
            truncated: true,
          },
        },
      },
    ]);
  });

  it('ends paging when HubSpot omits `paging` and passes `after`', async () => {
    nock(BASE)
      .get('/crm/v3/objects/contacts')
      .query({ limit: '100', after: '513', archived: 'true' })
      .reply(200, { results: [] }, JSON_HEADERS);
    const { api } = testApi();
    const page = await listObjects(api, 'contacts', { after: '513', archived: true });
    expect(page).toEqual({ items: [], malformed: 0 });
  });

  it('skips, counts and logs malformed records without failing the page', async () => {
    nock(BASE)
      .get('/crm/v3/objects/deals')
      .query(true)
      .reply(
        200,
        {
          results: [
            deal('1'),
            deal('2', { createdAt: 'yesterday' }),
            { id: '3', properties: 'oops' },
            deal('4', { properties: { amount: { nested: true } } }),
            deal('5'),
          ],
        },
        JSON_HEADERS,
      );
    const { api, logs } = testApi();
    const page = await listObjects(api, 'deals', {
      log: (l, e, f) => logs.push({ level: l, event: e, fields: f }),
    });
    expect(page.items.map((i) => i.id)).toEqual(['1', '5']);
    expect(page.malformed).toBe(3);
    const bad = logs.filter((l) => l.event === 'hubspot_malformed_item');
    expect(bad.map((l) => l.fields['id'])).toEqual(['2', '3', '4']);
    expect(String(bad[0]?.fields['issues'])).toMatch(/createdAt/);
  });

  it('throws malformed_response when the envelope itself is wrong', async () => {
    nock(BASE).get('/crm/v3/objects/deals').query(true).reply(200, { items: [] }, JSON_HEADERS);
    const { api } = testApi();
    await expect(listObjects(api, 'deals')).rejects.toMatchObject({ kind: 'malformed_response' });
  });

  it('rejects page sizes HubSpot would refuse, naming the field', async () => {
    const { api } = testApi();
    await expect(listObjects(api, 'deals', { limit: 101 })).rejects.toThrow(/listObjects\.limit/);
    await expect(
      listObjects(api, 'deals', { limit: 51, propertiesWithHistory: ['dealstage'] }),
    ).rejects.toThrow(/listObjects\.limit: at most 100, or 50/);
    await expect(listObjects(api, 'widgets' as 'deals')).rejects.toThrow(/listObjects\.type/);
  });
});

describe('batchReadObjects', () => {
  it('splits into calls of 100 and reports ids missing from a 207', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => String(i + 1));
    const bodies: unknown[] = [];
    nock(BASE)
      .post('/crm/v3/objects/deals/batch/read', (b: unknown) => (bodies.push(b), true))
      .reply(
        200,
        (_uri, body) => ({
          status: 'COMPLETE',
          results: (body as { inputs: { id: string }[] }).inputs.map((i) => deal(i.id)),
        }),
        JSON_HEADERS,
      )
      .post('/crm/v3/objects/deals/batch/read', (b: unknown) => (bodies.push(b), true))
      .reply(
        207,
        (_uri, body) => ({
          status: 'COMPLETE',
          results: (body as { inputs: { id: string }[] }).inputs
            .filter((i) => i.id !== '140')
            .map((i) => deal(i.id)),
          numErrors: 1,
          errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['140'] } }],
        }),
        JSON_HEADERS,
      )
      // The missing id is read once more to tell a transient miss from a deleted record.
      .post('/crm/v3/objects/deals/batch/read', {
        inputs: [{ id: '140' }],
        properties: ['amount'],
        propertiesWithHistory: [],
      })
      .reply(207, { status: 'COMPLETE', results: [], numErrors: 1, errors: [] }, JSON_HEADERS);
    const { api } = testApi();
    const r = await batchReadObjects(api, 'deals', ids, { properties: ['amount'] });
    expect(r.items).toHaveLength(149);
    expect(r.missing).toEqual(['140']);
    expect(r.malformed).toBe(0);
    expect(bodies.map((b) => (b as { inputs: unknown[] }).inputs.length)).toEqual([100, 50]);
  });

  it('reads at most 50 ids per call with histories and recovers a transient 207 miss', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => String(i + 1));
    const sizes: number[] = [];
    let first = true;
    nock(BASE)
      .post('/crm/v3/objects/deals/batch/read')
      .times(3)
      .reply((_uri, body) => {
        const inputs = (body as { inputs: { id: string }[] }).inputs;
        sizes.push(inputs.length);
        // The first call drops id 7 (HubSpot's partial 207); the re-read finds it.
        const drop = first ? '7' : '';
        first = false;
        return [
          inputs.some((i) => i.id === drop) ? 207 : 200,
          {
            status: 'COMPLETE',
            results: inputs.filter((i) => i.id !== drop).map((i) => deal(i.id)),
          },
          JSON_HEADERS,
        ];
      });
    const { api } = testApi();
    const r = await batchReadObjects(api, 'deals', ids, { propertiesWithHistory: ['dealstage'] });
    expect(sizes).toEqual([50, 10, 1]);
    expect(r.items).toHaveLength(60);
    expect(r.missing).toEqual([]);
  });

  it('names a bad id', async () => {
    const { api } = testApi();
    await expect(batchReadObjects(api, 'deals', ['12', 'x'])).rejects.toThrow(
      /batchReadObjects\.ids\.1/,
    );
  });
});
