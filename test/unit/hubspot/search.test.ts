import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { HubSpotApi } from '../../../src/hubspot/api.js';
import {
  searchFrom,
  searchModified,
  type SearchCursor,
} from '../../../src/hubspot/readers/search.js';
import { createRateBudget, limitsFor } from '../../../src/hubspot/budget.js';
import { BASE, JSON_HEADERS, testApi as baseTestApi, useNock } from './nock-api.js';

// Search's real 5/s budget would make these tests take minutes; its pacing is tested in budget.test.ts.
const testApi = () =>
  baseTestApi({
    budget: createRateBudget({
      limits: { ...limitsFor('private', 'enterprise'), searchBurst: 1_000_000 },
    }),
  });

useNock();

interface Rec {
  readonly id: string;
  readonly modified: number;
}
interface Filter {
  propertyName: string;
  operator: string;
  value: string;
}
interface SearchBody {
  filterGroups: { filters: Filter[] }[];
  sorts: { propertyName: string; direction: string }[];
  properties: string[];
  limit: number;
  after: string;
}

/** HubSpot's search over `records` as the docs describe it, 10,000-result cap included. */
function fakeSearch(records: readonly Rec[], modifiedProperty: string) {
  const queries: SearchBody[] = [];
  // Ties in the sort come back in an order unrelated to the id (a hash), like HubSpot's.
  const tie = (id: string) => (Number(id) * 2_654_435_761) % 4_294_967_296;
  const value = (r: Rec, name: string) => (name === 'hs_object_id' ? Number(r.id) : r.modified);
  const byModified = [...records].sort((a, b) => a.modified - b.modified || tie(a.id) - tie(b.id));
  const byId = [...records].sort((a, b) => Number(a.id) - Number(b.id));
  nock(BASE)
    .persist()
    .post(/\/crm\/v3\/objects\/\w+\/search/)
    .reply((_uri, raw) => {
      const body = raw as SearchBody;
      queries.push(body);
      const after = Number(body.after);
      if (after >= 10_000)
        return [
          400,
          { status: 'error', category: 'VALIDATION_ERROR', message: 'paging past 10000' },
          JSON_HEADERS,
        ];
      const sort = body.sorts[0]!.propertyName;
      const match = (sort === 'hs_object_id' ? byId : byModified).filter((r) =>
        body.filterGroups[0]!.filters.every((f) => {
          const v = value(r, f.propertyName);
          const x = Number(f.value);
          return f.operator === 'GTE'
            ? v >= x
            : f.operator === 'GT'
              ? v > x
              : f.operator === 'EQ'
                ? v === x
                : false;
        }),
      );
      const slice = match.slice(after, after + body.limit);
      const end = after + slice.length;
      return [
        200,
        {
          total: match.length,
          results: slice.map((r) => ({
            id: r.id,
            properties: { [modifiedProperty]: String(r.modified), hs_object_id: r.id },
            createdAt: '2025-01-01T00:00:00.000Z',
            updatedAt: new Date(r.modified).toISOString(),
            archived: false,
          })),
          ...(end < match.length ? { paging: { next: { after: String(end) } } } : {}),
        },
        JSON_HEADERS,
      ];
    });
  return queries;
}

async function readAll(api: HubSpotApi, type: 'contacts' | 'deals', since: number) {
  const ids: string[] = [];
  let cursor: SearchCursor | { since: number } = { since };
  let pages = 0;
  for (;;) {
    const page = await searchModified(api, type, cursor, { properties: ['amount'] });
    pages++;
    ids.push(...page.items.map((i) => i.id));
    if (page.next === undefined) return { ids, pages };
    // The cursor survives a checkpoint round trip.
    cursor = JSON.parse(JSON.stringify(page.next)) as SearchCursor;
  }
}

describe('searchModified', () => {
  it('queries the type’s last-modified property ascending from `since`, 200 per page', async () => {
    const queries = fakeSearch([{ id: '1', modified: 5_000 }], 'lastmodifieddate');
    const { api } = testApi();
    const page = await searchModified(api, 'contacts', { since: 4_000 }, { properties: ['email'] });
    expect(page.items.map((i) => i.id)).toEqual(['1']);
    expect(page.next).toBeUndefined();
    expect(page.total).toBe(1);
    expect(queries[0]).toEqual({
      filterGroups: [
        { filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: '4000' }] },
      ],
      sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
      properties: ['email', 'lastmodifieddate', 'hs_object_id'],
      limit: 200,
      after: '0',
    });
    expect(api.stats()).toMatchObject({ calls: 1 });
  });

  it('windows below the 10,000 cap: every record exactly once, even with ties at window edges', async () => {
    // 25,000 deals over 2,500 distinct ms: ten per ms, so windows restart inside ties.
    const records = Array.from({ length: 25_000 }, (_, i) => ({
      id: String(i + 1),
      modified: 1_700_000_000_000 + Math.floor(i / 10) * 7,
    }));
    const queries = fakeSearch(records, 'hs_lastmodifieddate');
    const { api } = testApi();
    const { ids, pages } = await readAll(api, 'deals', 0);
    expect(ids).toHaveLength(25_000);
    expect(new Set(ids).size).toBe(25_000);
    expect(queries.every((q) => Number(q.after) < 10_000)).toBe(true);
    // At most a few re-read records per window: close to the 125 pages the data needs.
    expect(pages).toBeLessThanOrEqual(128);
    expect(queries.some((q) => q.filterGroups[0]!.filters[0]!.value !== '0')).toBe(true);
  });

  it('pages one ms holding more than 10,000 records by hs_object_id', async () => {
    const T = 1_700_000_000_000;
    const records = [
      { id: '1', modified: T - 1 },
      ...Array.from({ length: 12_345 }, (_, i) => ({ id: String(i + 2), modified: T })),
      { id: '99999', modified: T + 1 },
    ];
    const queries = fakeSearch(records, 'hs_lastmodifieddate');
    const { api } = testApi();
    const { ids } = await readAll(api, 'deals', T - 1);
    expect(ids).toHaveLength(records.length);
    expect(new Set(ids).size).toBe(records.length);
    expect(ids.at(-1)).toBe('99999');
    expect(queries.every((q) => Number(q.after) < 10_000)).toBe(true);
    const byId = queries.filter((q) => q.sorts[0]!.propertyName === 'hs_object_id');
    expect(byId.length).toBeGreaterThan(0);
    expect(byId[0]!.filterGroups[0]!.filters).toEqual([
      { propertyName: 'hs_lastmodifieddate', operator: 'EQ', value: String(T) },
      { propertyName: 'hs_object_id', operator: 'GT', value: '0' },
    ]);
    // After that ms, the read continues strictly after it.
    expect(queries.at(-1)!.filterGroups[0]!.filters).toEqual([
      { propertyName: 'hs_lastmodifieddate', operator: 'GT', value: String(T) },
    ]);
  });

  it('counts a result without a usable last-modified time as malformed', async () => {
    nock(BASE)
      .post('/crm/v3/objects/deals/search')
      .reply(
        200,
        {
          total: 2,
          results: [
            {
              id: '1',
              properties: { hs_lastmodifieddate: 'never' },
              createdAt: '2025-01-01T00:00:00Z',
              updatedAt: '2025-01-01T00:00:00Z',
            },
            {
              id: '2',
              properties: { hs_lastmodifieddate: '2025-01-02T00:00:00.000Z' },
              createdAt: '2025-01-01T00:00:00Z',
              updatedAt: '2025-01-02T00:00:00Z',
            },
          ],
        },
        JSON_HEADERS,
      );
    const { api } = testApi();
    const page = await searchModified(api, 'deals', searchFrom(0));
    expect(page.items.map((i) => i.id)).toEqual(['2']);
    expect(page.malformed).toBe(1);
  });

  it('rejects a corrupt cursor and an oversized limit, naming the field', async () => {
    const { api } = testApi();
    await expect(searchModified(api, 'deals', { ...searchFrom(0), after: 10_000 })).rejects.toThrow(
      /searchModified\.cursor/,
    );
    await expect(searchModified(api, 'deals', { since: 0 }, { limit: 201 })).rejects.toThrow(
      /searchModified\.limit/,
    );
  });
});
