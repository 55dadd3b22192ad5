/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as codegen classes; HubSpot's own docs and examples pass object literals, as the app will. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { associate, createRecord, mergeRecords } from '../../../sandbox/portal.js';
import { smallPortal, start, type Running } from './fixture.js';

let sb: Running;
let dealIds: string[];
let bigDeal: string;
let loser: string;
let winner: string;

beforeAll(async () => {
  const portal = smallPortal({ contacts: 30, deals: 5 });
  dealIds = [...portal.objects.deals.keys()];
  // One deal with 250 contacts: three pages of 100 in v4 batch read.
  const big = createRecord(portal, 'deals', { dealname: 'Big' });
  bigDeal = big.id;
  for (let i = 0; i < 250; i++) {
    const c = createRecord(portal, 'contacts', { email: `big${i}@x.test` });
    associate(
      portal,
      { type: 'deals', id: big.id },
      { type: 'contacts', id: c.id },
      { forward: [3], reverse: [4] },
    );
  }
  const [w, l] = [...portal.objects.contacts.values()].slice(0, 2);
  mergeRecords(portal, 'contacts', w!, l!);
  winner = w!.id;
  loser = l!.id;
  sb = await start({ portal, rateLimits: false });
});
afterAll(async () => {
  await sb.close();
});

describe('batch read', () => {
  it('answers 200 when every id exists, in any order', async () => {
    const r = await sb.client.crm.deals.batchApi.read({
      inputs: dealIds.map((id) => ({ id })),
      properties: ['amount'],
      propertiesWithHistory: [],
    });
    expect(r.results.map((x) => x.id).sort()).toEqual([...dealIds].sort());
    expect(r.status).toBe('COMPLETE');
  });

  it('answers 207 with numErrors and the missing ids', async () => {
    const res = await fetch(`${sb.baseUrl}/crm/v3/objects/deals/batch/read`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        inputs: [{ id: dealIds[0] }, { id: '999999' }],
        properties: [],
        propertiesWithHistory: [],
      }),
    });
    expect(res.status).toBe(207);
    const body = (await res.json()) as {
      numErrors: number;
      errors: { category: string; context: { ids: string[] } }[];
      results: unknown[];
    };
    expect(body.numErrors).toBe(1);
    expect(body.errors[0]).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
      context: { ids: ['999999'] },
    });
    expect(body.results).toHaveLength(1);
  });

  it('the SDK accepts the 207 and exposes the errors', async () => {
    const r = await sb.client.crm.deals.batchApi.read({
      inputs: [{ id: dealIds[0]! }, { id: '999999' }],
      properties: [],
      propertiesWithHistory: [],
    });
    expect(r.results).toHaveLength(1);
    expect('errors' in r && r.errors.length).toBe(1);
  });

  it('rejects more than 100 inputs and a missing properties array', async () => {
    const post = (body: unknown) =>
      fetch(`${sb.baseUrl}/crm/v3/objects/deals/batch/read`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (
        await post({
          inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i) })),
          properties: [],
        })
      ).status,
    ).toBe(400);
    expect((await post({ inputs: [{ id: dealIds[0] }] })).status).toBe(400);
  });

  it('resolves a merged-away id to the winner on get and batch read', async () => {
    const got = await sb.client.crm.contacts.basicApi.getById(loser);
    expect(got.id).toBe(winner);
    const r = await sb.client.crm.contacts.batchApi.read({
      inputs: [{ id: loser }],
      properties: ['hs_merged_object_ids'],
      propertiesWithHistory: [],
    });
    expect(r.results[0]!.id).toBe(winner);
    expect(r.results[0]!.properties['hs_merged_object_ids']).toBe(loser);
  });
});

describe('batch update', () => {
  it('updates found ids and reports missing ones with 207', async () => {
    const r = await sb.client.crm.deals.batchApi.update({
      inputs: [
        { id: dealIds[1]!, properties: { amount: '77' } },
        { id: '999998', properties: { amount: '1' } },
      ],
    });
    expect(r.results.map((x) => x.properties['amount'])).toEqual(['77']);
    expect('errors' in r && r.errors.length).toBe(1);
  });

  it('rejects an unknown property for the whole batch', async () => {
    await expect(
      sb.client.crm.deals.batchApi.update({
        inputs: [{ id: dealIds[1]!, properties: { nope: '1' } }],
      }),
    ).rejects.toMatchObject({ code: 400 });
  });
});

describe('associations v4', () => {
  it('batch read pages per result by 100 and reports unassociated ids as 207 NO_ASSOCIATIONS_FOUND', async () => {
    const lonely = (
      await sb.client.crm.deals.basicApi.create({
        properties: { dealname: 'Alone' },
        associations: [],
      })
    ).id;
    const seen: number[] = [];
    let after: string | undefined;
    let calls = 0;
    do {
      const r = await sb.client.crm.associations.v4.batchApi.getPage('deals', 'contacts', {
        inputs: [{ id: bigDeal, ...(after === undefined ? {} : { after }) }, { id: lonely }],
      });
      calls++;
      const result = r.results.find((x) => x._from.id === bigDeal)!;
      seen.push(...result.to.map((t) => Number(t.toObjectId)));
      expect(typeof result.to[0]!.toObjectId).toBe('number');
      expect('errors' in r && r.errors[0]?.subCategory).toBe(
        'crm.associations.NO_ASSOCIATIONS_FOUND',
      );
      after = result.paging?.next?.after;
    } while (after !== undefined);
    expect(calls).toBe(3);
    expect(new Set(seen).size).toBe(250);
  });

  it('lists a record’s associations with labels and pages by limit', async () => {
    const r = await sb.client.crm.associations.v4.basicApi.getPage(
      'deals',
      dealIds[0]!,
      'companies',
    );
    expect(r.results[0]!.associationTypes.map((t) => [t.typeId, t.label]).sort()).toEqual(
      [
        [341, null],
        [5, 'Primary'],
      ].sort(),
    );
    const p1 = await sb.client.crm.associations.v4.basicApi.getPage(
      'deals',
      bigDeal,
      'contacts',
      undefined,
      200,
    );
    expect(p1.results).toHaveLength(200);
    const p2 = await sb.client.crm.associations.v4.basicApi.getPage(
      'deals',
      bigDeal,
      'contacts',
      p1.paging!.next!.after,
      200,
    );
    expect(p2.results).toHaveLength(50);
    expect(p2.paging).toBeUndefined();
  });

  it('creates an association with PUT and rejects more than 100 batch inputs', async () => {
    const contact = (
      await sb.client.crm.contacts.basicApi.getPage(
        1,
        undefined,
        undefined,
        undefined,
        undefined,
        false,
      )
    ).results[0]!.id;
    const lonely = (
      await sb.client.crm.deals.basicApi.create({
        properties: { dealname: 'Link me' },
        associations: [],
      })
    ).id;
    await sb.client.crm.associations.v4.basicApi.create('deals', lonely, 'contacts', contact, [
      { associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 3 },
    ]);
    const back = await sb.client.crm.associations.v4.basicApi.getPage('contacts', contact, 'deals');
    // The SDK types toObjectId as a string; HubSpot (and the sandbox) send a number.
    expect(back.results.map((r) => Number(r.toObjectId))).toContain(Number(lonely));
    await expect(
      sb.client.crm.associations.v4.batchApi.getPage('deals', 'contacts', {
        inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i) })),
      }),
    ).rejects.toMatchObject({ code: 400 });
  });
});
