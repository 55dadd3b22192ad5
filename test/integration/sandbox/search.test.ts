/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as codegen classes; HubSpot's own docs and examples pass object literals, as the app will. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import type { ApiException } from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import { createPortal, createRecord } from '../../../sandbox/portal.js';
import { installStandardSchema } from '../../../sandbox/schema.js';
import { start, T0, type Running } from './fixture.js';

const N = 10_250;
let sb: Running;

beforeAll(async () => {
  const portal = createPortal({ portalId: 7, tier: 'enterprise', now: T0 });
  installStandardSchema(portal);
  for (let i = 0; i < N; i++)
    createRecord(
      portal,
      'contacts',
      {
        email: `p${i}@example.com`,
        firstname: i % 10 === 0 ? 'Ten' : 'Other',
        lastname: `Last ${i}`,
        num_conversion_events: String(i % 7),
      },
      T0 + i * 60_000,
    );
  sb = await start({ portal, rateLimits: false });
});
afterAll(async () => {
  await sb.close();
});

type Search = Parameters<Running['client']['crm']['contacts']['searchApi']['doSearch']>[0];
const search = (body: Partial<Search>) =>
  sb.client.crm.contacts.searchApi.doSearch({
    filterGroups: [],
    sorts: [],
    properties: [],
    limit: 10,
    after: '0',
    ...body,
  });

const failure = async (
  p: Promise<unknown>,
): Promise<ApiException<{ message: string; category: string }>> => {
  try {
    await p;
  } catch (e) {
    return e as ApiException<{ message: string; category: string }>;
  }
  throw new Error('expected failure');
};

describe('paging past 10,000 records', () => {
  it('lists every record with limit 100 via the opaque after cursor', async () => {
    let after: string | undefined;
    let count = 0;
    let last = 0;
    do {
      const page = await sb.client.crm.contacts.basicApi.getPage(100, after);
      for (const r of page.results) {
        expect(Number(r.id)).toBeGreaterThan(last);
        last = Number(r.id);
      }
      count += page.results.length;
      after = page.paging?.next?.after;
    } while (after !== undefined);
    expect(count).toBe(N);
  });

  it('search pages with offsets up to 10,000 and then answers 400', async () => {
    let after = '0';
    let count = 0;
    let total = 0;
    for (;;) {
      const page = await search({ limit: 200, after });
      total = page.total;
      count += page.results.length;
      const next = page.paging?.next?.after;
      if (next === undefined || Number(next) >= 10_000) {
        after = next ?? '';
        break;
      }
      after = next;
    }
    expect(total).toBe(N);
    expect(count).toBe(10_000);
    const e = await failure(search({ limit: 200, after }));
    expect(e.code).toBe(400);
  });
});

describe('search filters', () => {
  it('ANDs filters in a group and ORs groups', async () => {
    const r = await search({
      filterGroups: [
        {
          filters: [
            { propertyName: 'firstname', operator: FilterOperatorEnum.Eq, value: 'ten' },
            { propertyName: 'num_conversion_events', operator: FilterOperatorEnum.Eq, value: '0' },
          ],
        },
        {
          filters: [
            { propertyName: 'email', operator: FilterOperatorEnum.Eq, value: 'p1@example.com' },
          ],
        },
      ],
    });
    // i % 10 == 0 and i % 7 == 0 → i % 70 == 0; plus p1.
    expect(r.total).toBe(Math.ceil(N / 70) + 1);
  });

  it('compares datetimes numerically with ms strings and ISO values', async () => {
    const from = T0 + 100 * 60_000;
    const to = T0 + 199 * 60_000;
    const ms = await search({
      filterGroups: [
        {
          filters: [
            {
              propertyName: 'createdate',
              operator: FilterOperatorEnum.Between,
              value: String(from),
              highValue: new Date(to).toISOString(),
            },
          ],
        },
      ],
    });
    expect(ms.total).toBe(100);
    const gte = await search({
      filterGroups: [
        {
          filters: [
            {
              propertyName: 'createdate',
              operator: FilterOperatorEnum.Gte,
              value: new Date(T0 + (N - 3) * 60_000).toISOString(),
            },
          ],
        },
      ],
    });
    expect(gte.total).toBe(3);
  });

  it('compares numbers numerically, not as strings', async () => {
    const r = await search({
      filterGroups: [
        {
          filters: [
            { propertyName: 'num_conversion_events', operator: FilterOperatorEnum.Gt, value: '5' },
          ],
        },
      ],
    });
    expect(r.total).toBe(Array.from({ length: N }, (_, i) => i % 7).filter((v) => v > 5).length);
  });

  it('supports IN, NOT_IN, HAS_PROPERTY, NOT_HAS_PROPERTY and tokens', async () => {
    const inR = await search({
      filterGroups: [
        {
          filters: [
            {
              propertyName: 'email',
              operator: FilterOperatorEnum.In,
              values: ['p2@example.com', 'p3@example.com'],
            },
          ],
        },
      ],
    });
    expect(inR.total).toBe(2);
    const notIn = await search({
      filterGroups: [
        {
          filters: [
            { propertyName: 'firstname', operator: FilterOperatorEnum.NotIn, values: ['other'] },
          ],
        },
      ],
    });
    expect(notIn.total).toBe(Math.ceil(N / 10));
    const has = await search({
      filterGroups: [
        { filters: [{ propertyName: 'jobtitle', operator: FilterOperatorEnum.HasProperty }] },
      ],
    });
    expect(has.total).toBe(0);
    const notHas = await search({
      filterGroups: [
        { filters: [{ propertyName: 'jobtitle', operator: FilterOperatorEnum.NotHasProperty }] },
      ],
    });
    expect(notHas.total).toBe(N);
    const token = await search({
      filterGroups: [
        {
          filters: [
            { propertyName: 'lastname', operator: FilterOperatorEnum.ContainsToken, value: '42' },
          ],
        },
      ],
    });
    expect(token.total).toBe(1);
    const notToken = await search({
      filterGroups: [
        {
          filters: [
            {
              propertyName: 'lastname',
              operator: FilterOperatorEnum.NotContainsToken,
              value: '42',
            },
          ],
        },
      ],
    });
    expect(notToken.total).toBe(N - 1);
  });

  it('sorts by one property and pages through the sorted result stably', async () => {
    const sorts = [{ propertyName: 'createdate', direction: 'DESCENDING' }] as unknown as string[];
    const first = await search({ sorts, limit: 3 });
    const second = await search({ sorts, limit: 3, after: '3' });
    const ids = [...first.results, ...second.results].map((r) => Number(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(6);
  });

  it('rejects too many groups, filters, sorts and a limit above 200', async () => {
    const f = { propertyName: 'email', operator: FilterOperatorEnum.HasProperty };
    expect(
      (await failure(search({ filterGroups: Array.from({ length: 6 }, () => ({ filters: [f] })) })))
        .code,
    ).toBe(400);
    expect(
      (await failure(search({ filterGroups: [{ filters: Array.from({ length: 7 }, () => f) }] })))
        .code,
    ).toBe(400);
    expect(
      (
        await failure(
          search({
            filterGroups: Array.from({ length: 4 }, () => ({
              filters: Array.from({ length: 5 }, () => f),
            })),
          }),
        )
      ).code,
    ).toBe(400);
    const sorts = [{ propertyName: 'email' }, { propertyName: 'firstname' }] as unknown as string[];
    expect((await failure(search({ sorts }))).code).toBe(400);
    expect((await failure(search({ limit: 201 }))).code).toBe(400);
  });

  it('never matches archived records and sees fresh writes', async () => {
    const email = 'p5@example.com';
    const byEmail = {
      filterGroups: [
        { filters: [{ propertyName: 'email', operator: FilterOperatorEnum.Eq, value: email }] },
      ],
    };
    const before = await search(byEmail);
    expect(before.total).toBe(1);
    await sb.client.crm.contacts.basicApi.archive(before.results[0]!.id);
    expect((await search(byEmail)).total).toBe(0);
  });
});
