/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as codegen classes; HubSpot's own docs and examples pass object literals, as the app will. */
import { afterEach, describe, expect, it } from 'vitest';
import { smallPortal, start, type Running } from './fixture.js';

let running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.map((r) => r.close()));
  running = [];
});
const open = async (opts: Parameters<typeof start>[0]) => {
  const sb = await start(opts);
  running.push(sb);
  return sb;
};

async function outcomes(sb: Running, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    try {
      const res = await fetch(`${sb.baseUrl}/crm/v3/objects/contacts?limit=1`, {
        headers: { authorization: `Bearer ${sb.accessToken}`, connection: 'close' },
      });
      out.push(`${res.status}:${res.headers.get('content-type') ?? ''}`);
      await res.arrayBuffer();
    } catch {
      out.push('reset');
    }
  }
  return out;
}

describe('fault injection', () => {
  const spec = '5xx=0.2,429burst=0.1:2,reset=0.1,seed=7';

  it('replays the same faults for the same seed and differs for another', async () => {
    const a = await outcomes(await open({ faults: spec, rateLimits: false }), 60);
    const b = await outcomes(await open({ faults: spec, rateLimits: false }), 60);
    const c = await outcomes(
      await open({ faults: spec.replace('seed=7', 'seed=8'), rateLimits: false }),
      60,
    );
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    expect(a).toContain('reset');
    expect(a.some((o) => o.startsWith('429'))).toBe(true);
    expect(a.some((o) => o.startsWith('502:text/html'))).toBe(true);
    expect(a.some((o) => o.startsWith('200'))).toBe(true);
  });

  it('counts injected faults in /_sandbox/stats', async () => {
    const sb = await open({ faults: '5xx=1,seed=1', rateLimits: false });
    await outcomes(sb, 3);
    const stats = (await (
      await fetch(`${sb.baseUrl}/_sandbox/stats`, {
        headers: { authorization: `Bearer ${sb.accessToken}` },
      })
    ).json()) as { faultsInjected: number; total: number };
    expect(stats.faultsInjected).toBe(3);
  });

  it('the SDK retries injected 5xx and gives up after numberOfApiCallRetries', async () => {
    const sb = await open({ faults: '5xx=1,seed=1', rateLimits: false });
    const { Client } = await import('@hubspot/api-client');
    const client = new Client({
      accessToken: sb.accessToken,
      basePath: sb.baseUrl,
      numberOfApiCallRetries: 2,
    });
    const orig = console.error;
    console.error = () => undefined;
    try {
      await expect(client.crm.contacts.basicApi.getPage()).rejects.toBeDefined();
    } finally {
      console.error = orig;
    }
    const stats = (await (
      await fetch(`${sb.baseUrl}/_sandbox/stats`, {
        headers: { authorization: `Bearer ${sb.accessToken}` },
      })
    ).json()) as { requests: Record<string, number> };
    expect(stats.requests['GET /crm/v3/objects/:objectType']).toBe(2);
  });

  it('partial207 reports found ids missing once; vanish deletes a record for good', async () => {
    const portal = smallPortal();
    const ids = [...portal.objects.contacts.keys()].slice(0, 4);
    const read = (sb: Running) =>
      sb.client.crm.contacts.batchApi.read({
        inputs: ids.map((id) => ({ id })),
        properties: [],
        propertiesWithHistory: [],
      });
    const partial = await open({ portal, faults: 'partial207=1,seed=3', rateLimits: false });
    const r1 = await read(partial);
    expect(r1.results).toHaveLength(2);
    // Transient: nothing was deleted, a retry would find every record.
    expect(ids.every((id) => !portal.objects.contacts.get(id)!.archived)).toBe(true);
    await partial.close();
    running = [];
    const vanish = await open({ portal, faults: 'vanish=1,seed=3', rateLimits: false });
    const r2 = await read(vanish);
    expect(r2.results).toHaveLength(3);
    expect(ids.filter((id) => portal.objects.contacts.get(id)!.archived)).toHaveLength(1);
  });
});

describe('/_sandbox routes', () => {
  it('advances a generated portal with the time simulator', async () => {
    const { generatePortal, advancePortal } = await import('../../../sandbox/generator/index.js');
    const portal = generatePortal({ seed: 3, scale: 'tiny' });
    const before = portal.now;
    const sb = await open({ portal, seed: 3, advance: advancePortal });
    const res = await fetch(`${sb.baseUrl}/_sandbox/advance`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ days: 3 }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ from: before, to: before + 3 * 86_400_000 });
    expect(portal.now).toBe(before + 3 * 86_400_000);
  });

  it('reports stats by route pattern with record counts excluding archived', async () => {
    const portal = smallPortal({ contacts: 12, deals: 3 });
    const sb = await open({ portal });
    await sb.client.crm.contacts.basicApi.getPage();
    await sb.client.crm.contacts.basicApi.archive([...portal.objects.contacts.keys()][0]!);
    const res = await fetch(`${sb.baseUrl}/_sandbox/stats`, {
      headers: { authorization: `Bearer ${sb.accessToken}` },
    });
    const stats = (await res.json()) as Record<string, unknown>;
    expect(stats).toMatchObject({
      total: 2,
      requests: {
        'GET /crm/v3/objects/:objectType': 1,
        'DELETE /crm/v3/objects/:objectType/:objectId': 1,
      },
      rateLimited: 0,
      faultsInjected: 0,
      records: {
        contacts: 11,
        companies: 1,
        deals: 3,
        calls: 0,
        emails: 0,
        meetings: 0,
        communications: 0,
        notes: 0,
        tasks: 0,
      },
    });
    expect((await fetch(`${sb.baseUrl}/_sandbox/stats`)).status).toBe(401);
  });

  it('serves the planted truth', async () => {
    const portal = smallPortal();
    portal.truth = {
      channels: [{ channel: 'paid_search', team: 'marketing', effect: 0.7, rank: 1 }],
      description: 'planted',
      revivedDeals: [],
    };
    const sb = await open({ portal });
    const res = await fetch(`${sb.baseUrl}/_sandbox/truth`, {
      headers: { authorization: `Bearer ${sb.accessToken}` },
    });
    expect(await res.json()).toEqual(portal.truth);
  });

  it('advances through the simulator with a validated day count', async () => {
    const calls: [number, number][] = [];
    const sb = await open({
      seed: 5,
      advance: (_p, days, seed) => (calls.push([days, seed]), { days, created: 0 }),
    });
    const post = (body: unknown) =>
      fetch(`${sb.baseUrl}/_sandbox/advance`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ok = await post({ days: 7 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ days: 7, created: 0 });
    for (const bad of [{ days: 0 }, { days: 366 }, { days: 1.5 }, {}]) {
      const res = await post(bad);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain('days');
    }
    await post({ days: 1 });
    expect(calls.map((c) => c[0])).toEqual([7, 1]);
    expect(new Set(calls.map((c) => c[1])).size).toBe(2);
  });
});
