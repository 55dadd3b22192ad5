// v3 inline associations page at INLINE_ASSOCIATIONS_MAX rows per type and record, so a sync can
// see the truncation and read the rest through v4.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { associate, createRecord } from '../../../sandbox/portal.js';
import { INLINE_ASSOCIATIONS_MAX } from '../../../sandbox/server/serialize.js';
import { smallPortal, start, type Running } from './fixture.js';

let sb: Running;
let bigDeal: string;
let exactDeal: string;
let bigContacts: string[];
let labelledCompany: string;

beforeAll(async () => {
  const portal = smallPortal({ contacts: 3, deals: 1 });
  const link = (deal: string, contact: string): void => {
    associate(
      portal,
      { type: 'deals', id: deal },
      { type: 'contacts', id: contact },
      { forward: [3], reverse: [4] },
    );
  };
  bigDeal = createRecord(portal, 'deals', { dealname: 'Big' }).id;
  bigContacts = Array.from(
    { length: 250 },
    (_, i) => createRecord(portal, 'contacts', { email: `big${i}@x.test` }).id,
  );
  for (const c of bigContacts) link(bigDeal, c);
  exactDeal = createRecord(portal, 'deals', { dealname: 'Exactly the cap' }).id;
  for (const c of bigContacts.slice(0, INLINE_ASSOCIATIONS_MAX)) link(exactDeal, c);
  // Deal → company with the primary label: two rows per deal on the company's side.
  labelledCompany = createRecord(portal, 'companies', { name: 'Labelled' }).id;
  for (let i = 0; i < 60; i++)
    associate(
      portal,
      { type: 'deals', id: createRecord(portal, 'deals', { dealname: `L${i}` }).id },
      { type: 'companies', id: labelledCompany },
      { forward: [5, 341], reverse: [6, 342] },
    );
  sb = await start({ portal, rateLimits: false });
});
afterAll(async () => {
  await sb.close();
});

describe('inline associations on v3 reads', () => {
  it('lists the first 100 and pages the rest, which v4 reads from the cursor', async () => {
    const deal = await sb.client.crm.deals.basicApi.getById(
      bigDeal,
      ['dealname'],
      [],
      ['contacts'],
    );
    const inline = deal.associations?.['contacts'];
    expect(inline?.results.map((r) => r.id)).toEqual(bigContacts.slice(0, 100));
    const after = inline?.paging?.next?.after;
    expect(after).toBeTypeOf('string');
    const rest = await sb.client.crm.associations.v4.basicApi.getPage(
      'deals',
      bigDeal,
      'contacts',
      after,
    );
    // The SDK types toObjectId as a string; HubSpot (and the sandbox) send a number.
    expect(rest.results.map((r) => Number(r.toObjectId))).toEqual(
      bigContacts.slice(100).map(Number),
    );
    expect(rest.paging).toBeUndefined();
  });

  it('pages the same way in a list page, and only for the record over the cap', async () => {
    const page = await sb.client.crm.deals.basicApi.getPage(
      100,
      undefined,
      ['dealname'],
      [],
      ['contacts'],
    );
    const byId = new Map(page.results.map((d) => [d.id, d.associations?.['contacts']]));
    expect(byId.get(bigDeal)?.results).toHaveLength(100);
    expect(byId.get(bigDeal)?.paging?.next?.after).toBeTypeOf('string');
    // Exactly at the cap: everything inline, nothing to page.
    expect(byId.get(exactDeal)?.results).toHaveLength(100);
    expect(byId.get(exactDeal)?.paging).toBeUndefined();
  });

  it('never splits the rows of one associated record across pages', async () => {
    const company = await sb.client.crm.companies.basicApi.getById(
      labelledCompany,
      [],
      [],
      ['deals'],
    );
    const inline = company.associations?.['deals'];
    const ids = inline?.results.map((r) => r.id) ?? [];
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(50);
    const rest = await sb.client.crm.associations.v4.basicApi.getPage(
      'companies',
      labelledCompany,
      'deals',
      inline?.paging?.next?.after,
    );
    expect(rest.results).toHaveLength(10);
    expect(rest.results.every((r) => !ids.includes(String(Number(r.toObjectId))))).toBe(true);
  });
});
