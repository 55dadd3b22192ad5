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

const failure = async (p: Promise<unknown>): Promise<{ code: number; body: unknown }> => {
  try {
    await p;
  } catch (e) {
    const ex = e as ApiException<unknown>;
    return { code: ex.code, body: ex.body };
  }
  throw new Error('expected the call to fail');
};

describe('batch upsert', () => {
  it('updates the record matching the unique property and creates the others', async () => {
    const existing = await sb.client.crm.contacts.basicApi.getById(
      'c0@acme.test',
      [],
      [],
      [],
      false,
      'email',
    );
    const r = await sb.client.crm.contacts.batchApi.upsert({
      inputs: [
        { idProperty: 'email', id: 'C0@Acme.test', properties: { firstname: 'Updated' } },
        { idProperty: 'email', id: 'new@acme.test', properties: { firstname: 'Fresh' } },
      ],
    });
    const byEmail = new Map(r.results.map((x) => [x.properties['email']?.toLowerCase(), x]));
    expect(byEmail.get('c0@acme.test')).toMatchObject({ id: existing.id, _new: false });
    expect(byEmail.get('new@acme.test')?._new).toBe(true);
    const updated = await sb.client.crm.contacts.basicApi.getById(existing.id, ['firstname']);
    expect(updated.properties['firstname']).toBe('Updated');
    const created = await sb.client.crm.contacts.basicApi.getById(
      'new@acme.test',
      ['firstname'],
      [],
      [],
      false,
      'email',
    );
    expect(created.properties['firstname']).toBe('Fresh');
  });

  it('rejects the whole batch, naming the field, before writing anything', async () => {
    const upsert = (inputs: unknown[]) =>
      failure(sb.client.crm.contacts.batchApi.upsert({ inputs } as never));
    const firstnames = async () =>
      (await sb.client.crm.contacts.basicApi.getPage(100, undefined, ['firstname'])).results
        .map((c) => c.properties['firstname'])
        .join();
    const before = await firstnames();
    const cases: [unknown[], string][] = [
      [[{ id: 'c1@acme.test', properties: { firstname: 'X' } }], 'idProperty'],
      [[{ idProperty: 'firstname', id: 'First1', properties: {} }], 'idProperty'],
      [[{ idProperty: 'email', properties: { firstname: 'X' } }], 'id'],
      [
        [
          { idProperty: 'email', id: 'c1@acme.test', properties: { firstname: 'X' } },
          { idProperty: 'email', id: 'C1@ACME.TEST', properties: { firstname: 'Y' } },
        ],
        'id',
      ],
    ];
    for (const [inputs, field] of cases) {
      const { code, body } = await upsert(inputs);
      expect(code).toBe(400);
      expect(body).toMatchObject({ category: 'VALIDATION_ERROR', context: { field: [field] } });
    }
    const unknown = await upsert([
      { idProperty: 'email', id: 'c1@acme.test', properties: { firstname: 'X' } },
      { idProperty: 'email', id: 'c2@acme.test', properties: { no_such_property: 'X' } },
    ]);
    expect(unknown.code).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('PROPERTY_DOESNT_EXIST');
    expect(await firstnames()).toBe(before);
  });
});
