// The HubSpot access layer against the local sandbox: the budget keeps a many-page read free of
// 429s while running close to the server's limit, and the retries survive injected faults. The
// sandbox's rate windows, our budget and our backoff share one simulated clock that moves only
// when we wait, so the 10-second windows cost no real time.

import { afterEach, describe, expect, it } from 'vitest';
import type { HubSpotApi } from '../../../src/hubspot/api.js';
import { staticToken } from '../../../src/hubspot/auth.js';
import { createRateBudget, limitsFor } from '../../../src/hubspot/budget.js';
import { createHubSpotApi } from '../../../src/hubspot/client.js';
import { readAssociations } from '../../../src/hubspot/readers/associations.js';
import { batchReadObjects, listObjects } from '../../../src/hubspot/readers/objects.js';
import { searchModified, type SearchCursor } from '../../../src/hubspot/readers/search.js';
import {
  CRM_OBJECT_TYPES,
  type AssociationList,
  type CrmObjectType,
} from '../../../src/hubspot/types.js';
import { generatePortal } from '../../../sandbox/generator/index.js';
import { associate, associationsOf, createRecord } from '../../../sandbox/portal.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/index.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

function simulatedTime() {
  let now = Date.UTC(2026, 0, 1);
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      now += ms;
      // Let the sockets breathe: other requests progress while one waits.
      await new Promise((r) => setImmediate(r));
    },
  };
}

async function setUp(options: SandboxOptions) {
  const time = simulatedTime();
  sb = await startSandbox({
    generate: () => generatePortal({ seed: 3, scale: 'tiny' }),
    clock: time.clock,
    log: () => undefined,
    ...options,
  });
  // Sized for a professional private app (190 / 10 s): the sandbox's headers say 20, and we follow.
  const budget = createRateBudget({ limits: limitsFor('private', 'professional'), ...time });
  const api = createHubSpotApi({
    baseUrl: sb.baseUrl,
    tokens: staticToken(sb.accessToken),
    budget,
    ...time,
    retry: { maxAttempts: 8 },
  });
  return { api, budget, time, sb };
}

async function sandboxStats(s: RunningSandbox) {
  const res = await fetch(`${s.baseUrl}/_sandbox/stats`, {
    headers: { authorization: `Bearer ${s.accessToken}` },
  });
  return (await res.json()) as {
    rateLimited: number;
    faultsInjected: number;
    records: Record<string, number>;
  };
}

async function listAll(api: HubSpotApi, type: CrmObjectType, limit: number) {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await listObjects(api, type, { limit, after });
    expect(page.malformed).toBe(0);
    ids.push(...page.items.map((i) => i.id));
    after = page.next;
  } while (after !== undefined);
  return ids;
}

describe('HubSpot access layer against the sandbox', () => {
  it('reads many pages with zero 429s, within 10 % of the rate-limit bound', async () => {
    const { api, budget, time } = await setUp({ limits: { burst: 20 } });
    const start = time.clock();
    const counts = await Promise.all(
      CRM_OBJECT_TYPES.map(async (t) => [t, (await listAll(api, t, 5)).length] as const),
    );
    const elapsed = time.clock() - start;
    const stats = await sandboxStats(sb!);
    expect(stats.rateLimited).toBe(0);
    expect(api.stats().rateLimited).toBe(0);
    expect(Object.fromEntries(counts)).toEqual(stats.records);
    const calls = api.stats().calls;
    expect(calls).toBeGreaterThan(60);
    // Calls complete instantly on the simulated clock, so perfect pacing takes a whole window per
    // 20 calls after the first 20 — and the rate-limit bound is calls ÷ (20 per 10 s).
    expect(elapsed).toBe((Math.ceil(calls / 20) - 1) * 10_000);
    expect(elapsed).toBeLessThanOrEqual(1.1 * (calls / 20) * 10_000);
    expect(budget.snapshot().burst).toBe(20);
  });

  it('paces search at 5 per second with zero 429s and reads every contact once', async () => {
    const { api, time } = await setUp({});
    const start = time.clock();
    const ids = new Set<string>();
    let cursor: SearchCursor | { since: number } = { since: 0 };
    for (;;) {
      const page = await searchModified(api, 'contacts', cursor, { limit: 10 });
      for (const item of page.items) ids.add(item.id);
      if (page.next === undefined) break;
      cursor = page.next;
    }
    const searches = api.stats().calls;
    expect(searches).toBeGreaterThan(5);
    expect((await sandboxStats(sb!)).rateLimited).toBe(0);
    expect(time.clock() - start).toBeGreaterThanOrEqual(Math.floor((searches - 5) / 5) * 1_000);
    expect(ids.size).toBe((await sandboxStats(sb!)).records['contacts']);
  });

  it('survives 5xx (HTML 502 included), resets and 429 bursts with the same result', async () => {
    const { api } = await setUp({
      faults: '5xx=0.1,reset=0.05,429burst=0.03:2,partial207=0.2,seed=11',
      rateLimits: false,
    });
    const deals = await listAll(api, 'deals', 10);
    const contacts = await listAll(api, 'contacts', 5);
    const read = await batchReadObjects(api, 'contacts', contacts, {
      properties: ['email'],
      propertiesWithHistory: ['lifecyclestage'],
    });
    const links = await readAssociations(api, 'deals', 'contacts', deals);
    const stats = await sandboxStats(sb!);
    expect(stats.faultsInjected).toBeGreaterThan(5);
    // Each 5xx, reset and 429 costs a retry (partial 207s cost a re-read instead).
    expect(api.stats().retries).toBeGreaterThan(5);
    expect(deals).toHaveLength(stats.records['deals']!);
    expect(contacts).toHaveLength(stats.records['contacts']!);
    expect(read.missing).toEqual([]);
    expect(read.items.map((c) => c.id).sort()).toEqual([...contacts].sort());
    // Every deal's contacts as the portal holds them.
    for (const id of deals)
      expect(links.get(id)).toEqual(
        associationsOf(sb!.portal, 'deals', id, 'contacts').map((a) => ({
          id: a.toId,
          typeIds: a.typeIds,
        })),
      );
    expect([...links.values()].some((l) => l.length > 0)).toBe(true);
  });

  it('marks a long inline association list truncated; v4 reads all of it', async () => {
    const { api } = await setUp({ rateLimits: false });
    const portal = sb!.portal;
    const deal = createRecord(portal, 'deals', { dealname: 'Big' }).id;
    for (let i = 0; i < 150; i++)
      associate(
        portal,
        { type: 'deals', id: deal },
        { type: 'contacts', id: createRecord(portal, 'contacts', { email: `b${i}@x.test` }).id },
        { forward: [3], reverse: [4] },
      );
    let inline: AssociationList | undefined;
    let after: string | undefined;
    do {
      const page = await listObjects(api, 'deals', { associations: ['contacts'], after });
      inline ??= page.items.find((d) => d.id === deal)?.associations?.contacts;
      after = page.next;
    } while (after !== undefined);
    expect(inline?.truncated).toBe(true);
    expect(inline?.ids.length).toBeLessThan(150);
    const all = await readAssociations(api, 'deals', 'contacts', [deal]);
    expect(all.get(deal)).toHaveLength(150);
    expect(all.get(deal)!.every((a) => a.typeIds.includes(3))).toBe(true);
  });
});
