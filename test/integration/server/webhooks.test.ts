import { afterEach, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/kernel/index.js';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index.js';
import { createPortal, createRecord, mergeRecords, updateRecord } from '../../../sandbox/portal.js';
import { installStandardSchema } from '../../../sandbox/schema.js';
import { signV1 } from '../../../sandbox/server/signature.js';
import { PORTAL, SECRET, signedHeaders, start, type Running } from './fixture.js';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');

let app: Running | undefined;
let sandbox: RunningSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  await app?.close();
  app = sandbox = undefined;
});

function post(
  body: string,
  headers: Record<string, string> = signedHeaders('POST', hookUrl(), body, NOW),
) {
  return fetch(hookUrl(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
}
const hookUrl = () => `${app!.url}/webhooks/hubspot`;

const dealStage = (eventId: number, objectId = 512, portalId = PORTAL) => ({
  eventId,
  subscriptionId: 2001,
  portalId,
  appId: 3001,
  occurredAt: NOW - 1000,
  subscriptionType: 'object.propertyChange',
  attemptNumber: 0,
  objectId,
  objectTypeId: '0-3',
  propertyName: 'dealstage',
  propertyValue: 'closedwon',
  changeSource: 'CRM_UI',
});

describe('POST /webhooks/hubspot', () => {
  it('queues the hints of a signed delivery, grouped per portal', async () => {
    app = await start({ now: () => NOW });
    const body = JSON.stringify([dealStage(1), dealStage(2, 513, 99), dealStage(3, 514)]);
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', received: 3, queued: 3, duplicates: 0 });
    expect(app.queued.map((q) => [q.portalId, q.changes.map((c) => c.objectId)])).toEqual([
      [PORTAL, ['512', '514']],
      [99, ['513']],
    ]);
  });

  it('refuses unsigned or wrongly signed deliveries with 401 and queues nothing', async () => {
    app = await start({ now: () => NOW });
    const body = JSON.stringify([dealStage(1)]);
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, signedHeaders('POST', hookUrl(), body, NOW, 'other'))).status).toBe(
      401,
    );
    expect(
      (
        await post(body, {
          'X-HubSpot-Signature': signV1('other', body),
          'X-HubSpot-Signature-Version': 'v1',
        })
      ).status,
    ).toBe(401);
    expect(app.queued).toEqual([]);
  });

  it('falls back to the v1 signature the delivery names when it carries no v3', async () => {
    app = await start({ now: () => NOW });
    const body = JSON.stringify([dealStage(1)]);
    const res = await post(body, {
      'X-HubSpot-Signature': signV1(SECRET, body),
      'X-HubSpot-Signature-Version': 'v1',
    });
    expect(res.status).toBe(200);
    expect(app.queued).toHaveLength(1);
  });

  it('answers a bad payload with 400 naming the field, queues nothing and marks nothing seen', async () => {
    app = await start({ now: () => NOW });
    const good = dealStage(7);
    const bad: unknown[] = [
      { events: [good] },
      [good, { ...good, eventId: 8, portalId: 'x' }],
      [good, { ...good, eventId: 9, objectId: undefined }],
      [{ ...good, subscriptionType: 'propertyChange' }],
    ];
    const fields = [];
    for (const payload of bad) {
      const body = JSON.stringify(payload);
      const res = await post(body);
      expect(res.status, body).toBe(400);
      const answer = (await res.json()) as {
        status: string;
        message: string;
        errors: { field: string }[];
      };
      expect(answer.status).toBe('error');
      fields.push(answer.errors[0]?.field);
    }
    expect(fields).toEqual([
      'body',
      'body.1.portalId',
      'body.1.objectId',
      'body.0.subscriptionType',
    ]);
    expect(app.queued).toEqual([]);
    // Event 7 was in rejected deliveries only: it is still news.
    const res = await post(JSON.stringify([good]));
    expect(await res.json()).toMatchObject({ queued: 1, duplicates: 0 });
  });

  it('loses nothing and queues each change once in a storm of 10,000 events with retries and reordering', async () => {
    app = await start({ now: () => NOW });
    const random = mulberry32(5);
    const kinds = [
      'object.propertyChange',
      'object.creation',
      'contact.propertyChange',
      'object.deletion',
    ];
    const events = Array.from({ length: 10_000 }, (_, i) => {
      const subscriptionType = kinds[i % kinds.length]!;
      return {
        eventId: 1_000_000 + i,
        subscriptionId: 2001,
        portalId: PORTAL,
        appId: 3001,
        occurredAt: NOW - 60_000 + i,
        subscriptionType,
        attemptNumber: 0,
        objectId: 100_000 + i, // one object per event, so queued hints identify their event
        ...(subscriptionType.startsWith('object.')
          ? { objectTypeId: i % 8 < 4 ? '0-3' : '0-1' }
          : {}),
        ...(subscriptionType.endsWith('propertyChange')
          ? { propertyName: 'dealstage', propertyValue: 'x' }
          : {}),
      };
    });
    // Our own write-backs echo back and must not be queued.
    const echoes = Array.from({ length: 500 }, (_, i) => ({
      ...dealStage(2_000_000 + i, 900_000 + i),
      propertyName: `attribution_revenue_${i % 5}`,
    }));
    // HubSpot retries ~30 % of them (attemptNumber 1, other batches) and delivers out of order.
    const all = [...events, ...echoes];
    const retries = all.filter(() => random() < 0.3).map((e) => ({ ...e, attemptNumber: 1 }));
    const deliveries = [...all, ...retries];
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
    }
    const batches: string[] = [];
    for (let i = 0; i < deliveries.length; i += 100)
      batches.push(JSON.stringify(deliveries.slice(i, i + 100)));
    // A few whole batches are redelivered too (a timeout on HubSpot's side).
    batches.push(batches[3]!, batches[40]!, batches[41]!);
    // Ten deliveries in flight at once, like HubSpot's maxConcurrentRequests.
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < batches.length) {
          const body = batches[next++]!;
          statuses.push((await post(body)).status);
        }
      }),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    const queued = app.queued.flatMap((q) => q.changes);
    const perObject = new Map<string, number>();
    for (const c of queued) perObject.set(c.objectId, (perObject.get(c.objectId) ?? 0) + 1);
    expect(queued).toHaveLength(10_000);
    expect(perObject.size).toBe(10_000);
    for (const e of events) expect(perObject.get(String(e.objectId))).toBe(1);
    expect(queued.some((c) => c.propertyName?.startsWith('attribution_'))).toBe(false);
    expect(app.queued.every((q) => q.portalId === PORTAL)).toBe(true);
  });

  it('takes real signed deliveries from the sandbox dispatcher, skipping our own write-backs', async () => {
    app = await start();
    const portal = createPortal({ portalId: PORTAL, tier: 'professional', now: Date.now() });
    installStandardSchema(portal);
    const deal = createRecord(portal, 'deals', { dealname: 'Big one', amount: '1000' });
    const a = createRecord(portal, 'contacts', { email: 'a@x.test' });
    const b = createRecord(portal, 'contacts', { email: 'b@x.test' });
    sandbox = await startSandbox({
      portal,
      clientSecret: SECRET,
      webhooks: { targetUrl: `${app.url}/webhooks/hubspot`, flushMs: 10, maxBatch: 2 },
      log: () => undefined,
    });
    updateRecord(portal, 'deals', deal, { dealstage: 'closedwon' });
    updateRecord(portal, 'deals', deal, { attribution_model: 'linear' });
    mergeRecords(portal, 'contacts', a, b);
    await sandbox.webhooks!.flush();
    expect(sandbox.webhooks!.stats).toMatchObject({ dropped: 0, retries: 0 });
    const hints = app.queued.flatMap((q) => q.changes);
    expect(hints).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          objectType: 'deals',
          objectId: deal.id,
          propertyName: 'dealstage',
        }),
        expect.objectContaining({
          objectType: 'contacts',
          objectId: a.id,
          kind: 'merge',
          mergedIds: [b.id],
        }),
      ]),
    );
    expect(hints.filter((h) => h.propertyName === 'attribution_model')).toEqual([]);
  });
});
