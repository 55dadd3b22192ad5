/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as codegen classes; HubSpot's own docs and examples pass object literals, as the app will. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiException } from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import { start, type Running } from './fixture.js';

let sb: Running;
beforeAll(async () => {
  sb = await start({ rateLimits: false });
});
afterAll(async () => {
  await sb.close();
});

const codeOf = async (p: Promise<unknown>): Promise<{ code: number; body: unknown }> => {
  try {
    await p;
  } catch (e) {
    const ex = e as ApiException<unknown>;
    return { code: ex.code, body: ex.body };
  }
  throw new Error('expected the call to fail');
};

describe('objects list', () => {
  it('pages through all contacts with limit and omits paging on the last page', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await sb.client.crm.contacts.basicApi.getPage(7, after, ['email']);
      seen.push(...page.results.map((r) => r.id));
      after = page.paging?.next?.after;
      pages++;
    } while (after !== undefined);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect(pages).toBe(5);
  });

  it('adds hs_object_id, createdate and lastmodifieddate to the requested properties', async () => {
    const page = await sb.client.crm.contacts.basicApi.getPage(1, undefined, [
      'email',
      'nonexistent',
    ]);
    const props = page.results[0]!.properties;
    expect(Object.keys(props).sort()).toEqual([
      'createdate',
      'email',
      'hs_object_id',
      'lastmodifieddate',
    ]);
  });

  it('rejects a limit above 100 and more than 50 with history', async () => {
    expect((await codeOf(sb.client.crm.contacts.basicApi.getPage(101))).code).toBe(400);
    expect(
      (await codeOf(sb.client.crm.contacts.basicApi.getPage(51, undefined, [], ['lifecyclestage'])))
        .code,
    ).toBe(400);
  });

  it('serves history newest first', async () => {
    const page = await sb.client.crm.contacts.basicApi.getPage(1, undefined, undefined, [
      'lifecyclestage',
    ]);
    const history = page.results[0]!.propertiesWithHistory?.['lifecyclestage'] ?? [];
    expect(history.map((h) => h.value)).toEqual(['customer', 'lead']);
  });

  it('returns inline v3 associations on deals', async () => {
    const page = await sb.client.crm.deals.basicApi.getPage(1, undefined, undefined, undefined, [
      'contacts',
      'companies',
    ]);
    const assoc = page.results[0]!.associations!;
    expect(assoc['contacts']!.results.map((r) => r.type)).toEqual([
      'deal_to_contact',
      'deal_to_contact',
    ]);
    expect(assoc['companies']!.results.map((r) => r.type).sort()).toEqual([
      'deal_to_company',
      'deal_to_company_unlabeled',
    ]);
  });

  it('serves fresh values after a write to a record it already listed', async () => {
    const first = (await sb.client.crm.contacts.basicApi.getPage(1, undefined, ['jobtitle']))
      .results[0]!;
    await sb.client.crm.contacts.basicApi.update(first.id, { properties: { jobtitle: 'CFO' } });
    const again = (await sb.client.crm.contacts.basicApi.getPage(1, undefined, ['jobtitle']))
      .results[0]!;
    expect(again.properties['jobtitle']).toBe('CFO');
    expect(again.updatedAt.getTime()).toBeGreaterThanOrEqual(first.updatedAt.getTime());
  });

  it('accepts comma lists and repeated keys alike', async () => {
    const url = `${sb.baseUrl}/crm/v3/objects/contacts?limit=1&properties=email,firstname&properties=lastname`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${sb.accessToken}` } });
    const body = (await res.json()) as { results: { properties: Record<string, unknown> }[] };
    expect(Object.keys(body.results[0]!.properties)).toEqual(
      expect.arrayContaining(['email', 'firstname', 'lastname']),
    );
    expect(res.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(res.headers.get('x-hubspot-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('objects get, create, update, archive', () => {
  it('creates (201), updates (200), archives (204) and then 404s', async () => {
    const created = await sb.client.crm.deals.basicApi.create({
      properties: { dealname: 'New', amount: '10', dealstage: 'closedwon' },
      associations: [],
    });
    expect(created.properties['hs_is_closed_won']).toBeUndefined();
    const read = await sb.client.crm.deals.basicApi.getById(created.id, [
      'hs_is_closed_won',
      'amount',
    ]);
    expect(read.properties['hs_is_closed_won']).toBe('true');
    const updated = await sb.client.crm.deals.basicApi.update(created.id, {
      properties: { amount: '20' },
    });
    expect(updated.properties['amount']).toBe('20');
    await sb.client.crm.deals.basicApi.archive(created.id);
    const missing = await codeOf(sb.client.crm.deals.basicApi.getById(created.id));
    expect(missing.code).toBe(404);
    expect(missing.body).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
      context: { id: [created.id] },
    });
  });

  it('rejects an unknown property with the exact VALIDATION_ERROR message', async () => {
    const r = await codeOf(
      sb.client.crm.contacts.basicApi.update('1002', { properties: { foo: 'x' } }),
    );
    expect(r.code).toBe(400);
    expect(r.body).toMatchObject({
      category: 'VALIDATION_ERROR',
      message:
        'Property values were not valid: [{"isValid":false,"message":"Property \\"foo\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"foo"}]',
    });
  });

  it('rejects PATCH without properties', async () => {
    const res = await fetch(`${sb.baseUrl}/crm/v3/objects/contacts/1002`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(400);
  });

  it('creates an engagement associated to a deal', async () => {
    const deal = (await sb.client.crm.deals.basicApi.getPage(1)).results[0]!;
    const call = await sb.client.crm.objects.calls.basicApi.create({
      properties: { hs_timestamp: '2025-02-01T10:00:00.000Z', hs_call_direction: 'OUTBOUND' },
      associations: [
        {
          to: { id: deal.id },
          types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 206 }],
        },
      ],
    });
    const assoc = await sb.client.crm.associations.v4.basicApi.getPage('deals', deal.id, 'calls');
    expect(assoc.results.map((r) => Number(r.toObjectId))).toContain(Number(call.id));
  });
});
