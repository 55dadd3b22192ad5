/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as codegen classes; HubSpot's own docs and examples pass object literals, as the app will. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEAL_STAGES } from '../../../sandbox/schema.js';
import { smallPortal, start, T0, type Running } from './fixture.js';

let sb: Running;
let pro: Running;
beforeAll(async () => {
  const portal = smallPortal({ tier: 'enterprise' });
  const contact = [...portal.objects.contacts.values()][0]!;
  for (let i = 0; i < 25; i++) {
    portal.emailEvents.push({
      id: `e${i}`,
      created: T0 + i * 1000,
      type: i % 2 ? 'CLICK' : 'OPEN',
      recipient: 'c0@acme.test',
      emailCampaignId: 9876,
      portalId: portal.portalId,
      filteredEvent: false,
    });
    portal.participations.push({
      id: `p${i}`,
      contactId: contact.id,
      email: 'c0@acme.test',
      marketingEventId: '77',
      eventName: 'Webinar',
      attendanceState: i % 2 ? 'ATTENDED' : 'REGISTERED',
      occurredAt: T0 + i,
      createdAt: T0 + i,
    });
    portal.webEvents.push({
      id: `w${i}`,
      eventType: 'e_visited_page',
      objectType: 'contact',
      objectId: contact.id,
      occurredAt: T0 + i * 60_000,
      properties: { hs_url: `https://acme.test/${i}` },
    });
  }
  sb = await start({ portal, rateLimits: false });
  pro = await start({ portal: smallPortal({ tier: 'professional' }), rateLimits: false });
});
afterAll(async () => {
  await sb.close();
  await pro.close();
});

describe('properties and groups', () => {
  it('lists HubSpot-defined properties with their flags', async () => {
    const all = await sb.client.crm.properties.coreApi.getAll('deals');
    const closed = all.results.find((p) => p.name === 'hs_is_closed_won')!;
    expect(closed).toMatchObject({
      hubspotDefined: true,
      calculated: true,
      modificationMetadata: { readOnlyValue: true },
    });
    expect(all.results.some((p) => p.name === `hs_v2_date_entered_${DEAL_STAGES.closedWon}`)).toBe(
      true,
    );
  });

  it('creates a group (201) and a property (201), then 409s on duplicates', async () => {
    const g = await sb.client.crm.properties.groupsApi.create('deals', {
      name: 'attribution',
      label: 'Attribution',
    });
    expect(g).toMatchObject({ name: 'attribution', archived: false });
    await expect(
      sb.client.crm.properties.groupsApi.create('deals', { name: 'attribution', label: 'Again' }),
    ).rejects.toMatchObject({ code: 409 });
    const body = {
      name: 'attribution_model',
      label: 'Model',
      type: 'string',
      fieldType: 'text',
      groupName: 'attribution',
    } as never;
    const p = await sb.client.crm.properties.coreApi.create('deals', body);
    expect(p.name).toBe('attribution_model');
    await expect(sb.client.crm.properties.coreApi.create('deals', body)).rejects.toMatchObject({
      code: 409,
      body: { category: 'OBJECT_ALREADY_EXISTS' },
    });
    const updated = await sb.client.crm.deals.basicApi.update(
      (await sb.client.crm.deals.basicApi.getPage(1)).results[0]!.id,
      { properties: { attribution_model: 'linear' } },
    );
    expect(updated.properties['attribution_model']).toBe('linear');
  });

  it('rejects invalid type/fieldType pairs, option-less enumerations and missing fields', async () => {
    const post = (b: unknown) => sb.client.crm.properties.coreApi.create('deals', b as never);
    await expect(
      post({
        name: 'x1',
        label: 'X',
        type: 'number',
        fieldType: 'text',
        groupName: 'dealinformation',
      }),
    ).rejects.toMatchObject({ code: 400 });
    await expect(
      post({
        name: 'x2',
        label: 'X',
        type: 'enumeration',
        fieldType: 'select',
        groupName: 'dealinformation',
        options: [],
      }),
    ).rejects.toMatchObject({ code: 400 });
    const res = await fetch(`${sb.baseUrl}/crm/v3/properties/deals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x3', type: 'string' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain(
      'label, fieldType, groupName',
    );
  });

  it('refuses to change a HubSpot-defined property', async () => {
    await expect(
      sb.client.crm.properties.coreApi.update('deals', 'amount', { label: 'Money' }),
    ).rejects.toMatchObject({ code: 400 });
  });
});

describe('pipelines and account', () => {
  it('serves the default deal pipeline with closed metadata', async () => {
    const r = await sb.client.crm.pipelines.pipelinesApi.getAll('deals');
    const stages = r.results[0]!.stages;
    expect(stages.map((s) => s.id)).toEqual(Object.values(DEAL_STAGES));
    expect(stages.find((s) => s.id === 'closedwon')!.metadata).toEqual({
      isClosed: 'true',
      probability: '1.0',
    });
    expect(stages.find((s) => s.id === 'closedlost')!.metadata).toEqual({
      isClosed: 'true',
      probability: '0.0',
    });
    const one = await sb.client.crm.pipelines.pipelineStagesApi.getAll('deals', 'default');
    expect(one.results).toHaveLength(7);
  });

  it('reports account details', async () => {
    const res = await sb.client.apiRequest({ method: 'GET', path: '/account-info/v3/details' });
    expect(await res.json()).toMatchObject({
      portalId: 4242,
      timeZone: 'America/New_York',
      companyCurrency: 'USD',
      uiDomain: 'app.hubspot.com',
    });
  });
});

describe('marketing sources', () => {
  it('pages email events by offset while hasMore', async () => {
    let offset: string | undefined;
    let n = 0;
    let calls = 0;
    for (;;) {
      const res = await sb.client.apiRequest({
        method: 'GET',
        path: '/email/public/v1/events',
        qs: { limit: 10, recipient: 'c0@acme.test', ...(offset === undefined ? {} : { offset }) },
      });
      const body = (await res.json()) as { events: unknown[]; hasMore: boolean; offset: string };
      n += body.events.length;
      calls++;
      if (!body.hasMore) break;
      offset = body.offset;
    }
    expect([n, calls]).toEqual([25, 3]);
    const clicks = await sb.client.apiRequest({
      method: 'GET',
      path: '/email/public/v1/events',
      qs: { eventType: 'CLICK', limit: 1000 },
    });
    expect(((await clicks.json()) as { events: unknown[] }).events).toHaveLength(12);
  });

  it('breaks down participations by contact id or email', async () => {
    const byEmail =
      await sb.client.marketing.events.retrieveParticipantStateApi.getParticipationsBreakdownByContactId(
        'c0@acme.test',
        'ATTENDED',
        100,
      );
    expect(byEmail.total).toBe(12);
    expect(byEmail.results[0]!.properties.attendanceState).toBe('ATTENDED');
  });

  it('serves web-analytics events on Enterprise and 403s on other tiers', async () => {
    const contact = (await sb.client.crm.contacts.basicApi.getPage(1)).results[0]!.id;
    const page = await sb.client.events.eventsApi.getPage(
      'contact',
      'e_visited_page',
      undefined,
      undefined,
      10,
      undefined,
      undefined,
      undefined,
      Number(contact),
    );
    expect(page.results).toHaveLength(10);
    expect(page.results[0]!.occurredAt).toBeInstanceOf(Date);
    await expect(pro.client.events.eventsApi.getPage('contact')).rejects.toMatchObject({
      code: 403,
    });
  });
});
