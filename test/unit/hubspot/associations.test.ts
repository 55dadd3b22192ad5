import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { readAssociations } from '../../../src/hubspot/readers/associations.js';
import { BASE, JSON_HEADERS, testApi, useNock } from './nock-api.js';

useNock();

const PATH = '/crm/v4/associations/deals/contacts/batch/read';
const to = (id: number | string, ...typeIds: number[]) => ({
  toObjectId: id,
  associationTypes: typeIds.map((typeId) => ({ category: 'HUBSPOT_DEFINED', typeId, label: null })),
});

describe('readAssociations', () => {
  it('treats a 207 NO_ASSOCIATIONS_FOUND as none and follows per-result paging', async () => {
    const bodies: unknown[] = [];
    nock(BASE)
      .post(PATH, (b: unknown) => (bodies.push(b), true))
      .reply(
        207,
        {
          status: 'COMPLETE',
          results: [
            {
              from: { id: '512' },
              to: [to(201, 3), to('202', 3)],
              paging: { next: { after: 'MjAy' } },
            },
            { from: { id: '514' }, to: [to(205, 3)] },
          ],
          numErrors: 1,
          errors: [
            {
              status: 'error',
              category: 'OBJECT_NOT_FOUND',
              subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
              message: 'No contact is associated with deal 513.',
              context: { fromObjectId: ['513'] },
            },
          ],
        },
        JSON_HEADERS,
      )
      .post(PATH, (b: unknown) => (bodies.push(b), true))
      .reply(
        200,
        // The next page repeats 202 with a label: the type ids merge.
        { status: 'COMPLETE', results: [{ from: { id: '512' }, to: [to(202, 7), to(203, 3)] }] },
        JSON_HEADERS,
      );
    const { api } = testApi();
    const map = await readAssociations(api, 'deals', 'contacts', ['512', '513', '514', '512']);
    expect(bodies).toEqual([
      { inputs: [{ id: '512' }, { id: '513' }, { id: '514' }] },
      { inputs: [{ id: '512', after: 'MjAy' }] },
    ]);
    expect(Object.fromEntries(map)).toEqual({
      '512': [
        { id: '201', typeIds: [3] },
        { id: '202', typeIds: [3, 7] },
        { id: '203', typeIds: [3] },
      ],
      '513': [],
      '514': [{ id: '205', typeIds: [3] }],
    });
  });

  it('sends at most 100 ids per call', async () => {
    const sizes: number[] = [];
    nock(BASE)
      .post(PATH)
      .times(3)
      .reply((_uri, body) => {
        sizes.push((body as { inputs: unknown[] }).inputs.length);
        return [200, { status: 'COMPLETE', results: [] }, JSON_HEADERS];
      });
    const { api } = testApi();
    const ids = Array.from({ length: 250 }, (_, i) => String(i + 1));
    const map = await readAssociations(api, 'deals', 'contacts', ids);
    expect(sizes).toEqual([100, 100, 50]);
    expect(map.size).toBe(250);
  });

  it('skips malformed results and names bad input', async () => {
    nock(BASE)
      .post(PATH)
      .reply(
        200,
        {
          results: [
            { from: { id: '1' }, to: [{ toObjectId: null }] },
            { from: { id: '2' }, to: [to(9, 3)] },
          ],
        },
        JSON_HEADERS,
      );
    const { api, logs } = testApi();
    const log = (level: string, event: string, fields: Readonly<Record<string, unknown>>) =>
      logs.push({ level, event, fields });
    const map = await readAssociations(api, 'deals', 'contacts', ['1', '2'], { log });
    expect(map.get('1')).toEqual([]);
    expect(map.get('2')).toEqual([{ id: '9', typeIds: [3] }]);
    expect(logs.map((l) => l.event)).toEqual(['hubspot_malformed_item']);
    await expect(readAssociations(api, 'deals', 'widgets' as 'contacts', [])).rejects.toThrow(
      /readAssociations\.to/,
    );
  });
});
