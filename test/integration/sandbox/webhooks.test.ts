/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as codegen classes; HubSpot's own docs and examples pass object literals, as the app will. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRecord, updateRecord } from '../../../sandbox/portal.js';
import { signV1, signV3 } from '../../../sandbox/server/signature.js';
import { smallPortal, start, type Running } from './fixture.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  url: string;
}

/** A webhook receiver answering the given statuses in turn (then 200). */
async function receiver(statuses: { status: number; headers?: Record<string, string> }[]) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body, url: req.url ?? '' });
      const next = statuses.shift() ?? { status: 200 };
      res.writeHead(next.status, next.headers ?? {}).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks?portalId=4242&x=a%3Ab`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => {
          r();
        });
      }),
  };
}

let sb: Running | undefined;
let rx: Awaited<ReturnType<typeof receiver>> | undefined;
afterEach(async () => {
  await sb?.close();
  await rx?.close();
  sb = undefined;
  rx = undefined;
});

const events = (r: Received) => JSON.parse(r.body) as Record<string, unknown>[];

describe('webhooks', () => {
  it('delivers API and simulator changes as a signed JSON array', async () => {
    rx = await receiver([]);
    const portal = smallPortal();
    sb = await start({ portal, clientSecret: 'shh', webhooks: { targetUrl: rx.url, flushMs: 20 } });
    const deal = [...portal.objects.deals.values()][0]!;
    await sb.client.crm.deals.basicApi.update(deal.id, { properties: { dealstage: 'closedwon' } });
    createRecord(portal, 'contacts', { email: 'sim@x.test' }); // a simulator-side change
    await sb.webhooks!.flush();
    const all = rx.received.flatMap(events);
    const stage = all.find((e) => e['propertyName'] === 'dealstage')!;
    expect(stage).toMatchObject({
      subscriptionType: 'object.propertyChange',
      objectId: Number(deal.id),
      objectTypeId: '0-3',
      propertyValue: 'closedwon',
      portalId: 4242,
      attemptNumber: 0,
      changeSource: 'API',
    });
    expect(typeof stage['eventId']).toBe('number');
    expect(
      all.some((e) => e['subscriptionType'] === 'object.creation' && e['objectTypeId'] === '0-1'),
    ).toBe(true);
    for (const r of rx.received) {
      const ts = Number(r.headers['x-hubspot-request-timestamp']);
      expect(r.headers['x-hubspot-signature-v3']).toBe(signV3('shh', 'POST', rx.url, r.body, ts));
      expect(r.headers['x-hubspot-signature']).toBe(signV1('shh', r.body));
      expect(events(r).length).toBeLessThanOrEqual(100);
    }
  });

  it('batches at most 100 events per request', async () => {
    rx = await receiver([]);
    const portal = smallPortal();
    sb = await start({ portal, webhooks: { targetUrl: rx.url, flushMs: 10_000 } });
    for (let i = 0; i < 250; i++) createRecord(portal, 'contacts', { email: `b${i}@x.test` });
    await sb.webhooks!.flush();
    expect(rx.received.map((r) => events(r).length)).toEqual([100, 100, 50]);
  });

  it('retries 5xx and 429 (honouring Retry-After) with a growing attemptNumber', async () => {
    rx = await receiver([{ status: 503 }, { status: 429, headers: { 'Retry-After': '0' } }]);
    const portal = smallPortal();
    sb = await start({ portal, webhooks: { targetUrl: rx.url, flushMs: 10_000, backoffMs: 5 } });
    const c = [...portal.objects.contacts.values()][0]!;
    updateRecord(portal, 'contacts', c, { firstname: 'Retry' });
    await sb.webhooks!.flush();
    expect(rx.received.map((r) => events(r)[0]!['attemptNumber'])).toEqual([0, 1, 2]);
    expect(sb.webhooks!.stats).toMatchObject({ delivered: 1, retries: 2, dropped: 0 });
  });

  it('does not retry other 4xx', async () => {
    rx = await receiver([{ status: 400 }]);
    const portal = smallPortal();
    sb = await start({ portal, webhooks: { targetUrl: rx.url, flushMs: 10_000, backoffMs: 5 } });
    updateRecord(portal, 'contacts', [...portal.objects.contacts.values()][0]!, {
      firstname: 'No',
    });
    await sb.webhooks!.flush();
    expect(rx.received).toHaveLength(1);
    expect(sb.webhooks!.stats).toMatchObject({ delivered: 0, dropped: 1 });
  });

  it('gives up after 10 attempts on a dead target', async () => {
    rx = await receiver([]);
    const dead = rx.url;
    await rx.close();
    rx = undefined;
    const portal = smallPortal();
    sb = await start({
      portal,
      webhooks: { targetUrl: dead, flushMs: 10_000, backoffMs: 1, maxBackoffMs: 2 },
    });
    updateRecord(portal, 'contacts', [...portal.objects.contacts.values()][0]!, {
      firstname: 'Dead',
    });
    await sb.webhooks!.flush();
    expect(sb.webhooks!.stats).toMatchObject({ retries: 9, dropped: 1 });
  });
});
