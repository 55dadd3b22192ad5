import { describe, expect, it } from 'vitest';
import type { HubSpotApi, HubSpotRequest } from '../../../src/hubspot/api.js';
import { batchUpdate } from '../../../src/hubspot/batch-update.js';

/** Answers every request with one canned response and remembers what was sent. */
function cannedApi(status: number, body: unknown): HubSpotApi & { sent: HubSpotRequest[] } {
  const sent: HubSpotRequest[] = [];
  return {
    sent,
    request(req) {
      sent.push(req);
      return Promise.resolve({ status, body, headers: {} });
    },
    stats: () => ({ calls: sent.length, rateLimited: 0, retries: 0, byLabel: {} }),
  };
}

const inputs = ['1', '2', '3'].map((id) => ({ id, properties: { attribution_touchpoints: '4' } }));

describe('batchUpdate', () => {
  it('posts the inputs and confirms every id of a 200', async () => {
    const api = cannedApi(200, {
      status: 'COMPLETE',
      results: [{ id: '3' }, { id: '1' }, { id: '2' }],
    });
    const out = await batchUpdate(api, 'deals', inputs);
    expect(out).toEqual({ updated: ['1', '2', '3'], failed: [] });
    expect(api.sent[0]).toMatchObject({
      method: 'POST',
      path: '/crm/v3/objects/deals/batch/update',
      body: { inputs },
      expect: [200, 207],
    });
  });

  it('reports the ids a 207 names in its errors, and ids it never mentions as unconfirmed', async () => {
    const api = cannedApi(207, {
      status: 'COMPLETE',
      results: [{ id: '1' }],
      numErrors: 1,
      errors: [
        {
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: 'Could not get some DEAL objects',
          context: { ids: ['2'] },
        },
      ],
    });
    const out = await batchUpdate(api, 'deals', inputs);
    expect(out.updated).toEqual(['1']);
    expect(out.failed).toEqual([
      { id: '2', category: 'OBJECT_NOT_FOUND', message: 'Could not get some DEAL objects' },
      { id: '3', category: 'unconfirmed', message: 'HubSpot answered 207 without this record' },
    ]);
  });

  it('applies an error without ids to every unconfirmed input', async () => {
    const api = cannedApi(207, {
      results: [{ id: 2 }],
      errors: [{ category: 'RATE_LIMITS', message: 'try later' }],
    });
    const out = await batchUpdate(api, 'contacts', inputs);
    expect(out.updated).toEqual(['2']);
    expect(out.failed.map((f) => [f.id, f.category])).toEqual([
      ['1', 'RATE_LIMITS'],
      ['3', 'RATE_LIMITS'],
    ]);
  });

  it('rejects bad input before calling HubSpot, naming the field', async () => {
    const api = cannedApi(200, { results: [] });
    await expect(batchUpdate(api, 'deals', [])).rejects.toThrow(/at least one input/);
    const many = Array.from({ length: 101 }, (_, i) => ({ id: String(i), properties: { a: '1' } }));
    await expect(batchUpdate(api, 'deals', many)).rejects.toThrow(/at most 100/);
    await expect(batchUpdate(api, 'deals', [inputs[0]!, inputs[0]!])).rejects.toThrow(/unique/);
    await expect(batchUpdate(api, 'deals', [{ id: '1', properties: {} }])).rejects.toThrow(
      /inputs\[0\]\.properties: must name at least one property/,
    );
    expect(api.sent).toHaveLength(0);
  });

  it('throws malformed_response on a body without the batch shape', async () => {
    const api = cannedApi(200, { results: 'nope' });
    await expect(batchUpdate(api, 'deals', inputs)).rejects.toMatchObject({
      kind: 'malformed_response',
    });
  });
});
