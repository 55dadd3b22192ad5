/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as codegen classes; HubSpot's own docs and examples pass object literals, as the app will. */
// The list path serves cached record JSON and whole cached pages: every change must show at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type Running } from './fixture.js';

let sb: Running;
beforeAll(async () => {
  sb = await start({ rateLimits: false });
});
afterAll(async () => {
  await sb.close();
});

const page = async (properties: string[]) =>
  (await sb.client.crm.contacts.basicApi.getPage(100, undefined, properties)).results;

describe('list caches', () => {
  it('sends a property created after a cached read as null', async () => {
    expect(Object.keys((await page(['favourite_colour']))[0]!.properties)).not.toContain(
      'favourite_colour',
    );
    await sb.client.crm.properties.coreApi.create('contacts', {
      name: 'favourite_colour',
      label: 'Favourite colour',
      type: 'string',
      fieldType: 'text',
      groupName: 'contactinformation',
    } as never);
    expect((await page(['favourite_colour']))[0]!.properties['favourite_colour']).toBeNull();
  });

  it('serves an updated, a created and an archived record after a cached page', async () => {
    const before = await page(['firstname']);
    const [first, second] = before;
    await sb.client.crm.contacts.basicApi.update(first!.id, {
      properties: { firstname: 'Changed' },
    });
    await sb.client.crm.contacts.basicApi.archive(second!.id);
    const created = await sb.client.crm.contacts.basicApi.create({
      properties: { email: 'late@acme.test', firstname: 'Late' },
    });
    const after = await page(['firstname']);
    expect(after.find((c) => c.id === first!.id)?.properties['firstname']).toBe('Changed');
    expect(after.map((c) => c.id)).not.toContain(second!.id);
    expect(after.map((c) => c.id)).toContain(created.id);
    expect(after).toHaveLength(before.length);
  });
});
