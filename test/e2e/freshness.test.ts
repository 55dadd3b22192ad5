// Targeted freshness (issue 12, ADR 0008): with the server and the worker running against a
// sandbox portal that sends its webhooks to the app, a meeting logged on a contact of an open deal
// through the sandbox's API shows on the signed card and in the deal's written-back properties
// within 30 s, and the app spends at most 5 HubSpot calls on it beyond the webhook itself.

import { sandboxRuntime } from '../support/runtime.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DealAttributionBody } from '../../extensions/domain/index.js';
import type { Runtime } from '../../src/app/runtime.js';
import type { CycleOutcome } from '../../src/jobs/cycle.js';
import { generatePortal } from '../../sandbox/generator/index.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { associationsOf, type CrmRecord } from '../../sandbox/portal.js';
import { signV3 } from '../../sandbox/server/signature.js';

let dir: string;
let sb: RunningSandbox;
let runtime: Runtime;
let portalId: number;
let origin: string;
const outcomes: CycleOutcome[] = [];

/** A port free now, for the app: the sandbox must know where to send its webhooks first. */
async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => {
        resolve(port);
      });
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'freshness-e2e-'));
  const port = await freePort();
  sb = await startSandbox({
    portal: generatePortal({ seed: 3, scale: 'tiny' }),
    seed: 3,
    log: () => undefined,
    webhooks: { targetUrl: `http://127.0.0.1:${String(port)}/webhooks/hubspot`, flushMs: 100 },
  });
  runtime = await sandboxRuntime({
    sb,
    dir,
    port,
    onCycle: (outcome) => outcomes.push(outcome),
  });
  if (runtime.portalId === undefined || runtime.server === undefined)
    throw new Error('runtime has no portal or no server');
  portalId = runtime.portalId;
  origin = `http://127.0.0.1:${String(port)}`;
  runtime.enqueue(portalId, 'sync');
  await runtime.runner.idle();
  // The first cycle's write-back echoes back as webhooks (dropped as self-caused): let them land.
  await sb.webhooks?.flush();
  await runtime.runner.idle();
}, 90_000);

afterAll(async () => {
  await runtime.close();
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
});

async function card(dealId: string): Promise<DealAttributionBody> {
  const url = `${origin}/api/v1/deals/${dealId}/attribution?portalId=${String(portalId)}`;
  const ts = Date.now();
  const res = await fetch(url, {
    headers: {
      'X-HubSpot-Signature-v3': signV3(sb.clientSecret, 'GET', url, '', ts),
      'X-HubSpot-Request-Timestamp': String(ts),
    },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as DealAttributionBody;
}

/** An open deal with a contact: its journey runs to now, so a meeting today belongs in it. */
function openDealWithContact(): { deal: CrmRecord; contactId: string } {
  for (const deal of sb.portal.objects.deals.values()) {
    if (deal.archived || deal.properties['hs_is_closed'] === 'true') continue;
    const contactId = associationsOf(sb.portal, 'deals', deal.id, 'contacts')[0]?.toId;
    if (contactId !== undefined) return { deal, contactId };
  }
  throw new Error('the sandbox portal has no open deal with a contact');
}

describe('targeted freshness', () => {
  it('shows a new meeting on the card and in HubSpot within 30 s, with at most 5 calls', async () => {
    const { deal, contactId } = openDealWithContact();
    const before = await card(deal.id);
    const writtenBefore = deal.properties['attribution_touchpoints'];
    expect(writtenBefore).toBe(String(before.stats.touchpoints));
    const calls = (await runtime.connection(portalId)).api.stats().calls;

    const title = 'Freshness check: pricing walkthrough';
    const res = await fetch(`${sb.baseUrl}/crm/v3/objects/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        properties: {
          hs_timestamp: new Date(Date.now() - 60_000).toISOString(),
          hs_meeting_title: title,
          hs_meeting_outcome: 'COMPLETED',
        },
        associations: [
          {
            to: { id: contactId },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 200 }],
          },
        ],
      }),
    });
    expect(res.status).toBe(201);
    const started = Date.now();

    let after = before;
    while (Date.now() - started < 30_000) {
      after = await card(deal.id);
      const written = deal.properties['attribution_touchpoints'];
      if (after.touchpoints.some((t) => t.title === title) && written !== writtenBefore) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const elapsed = Date.now() - started;
    const meeting = after.touchpoints.find((t) => t.title === title);
    expect(meeting, 'the new meeting on the card').toMatchObject({
      kind: 'meeting',
      team: 'sales',
      contactId,
    });
    expect(after.stats.touchpoints).toBe(before.stats.touchpoints + 1);
    expect(deal.properties['attribution_touchpoints']).toBe(String(after.stats.touchpoints));
    expect(elapsed).toBeLessThan(30_000);
    await runtime.runner.idle();
    const used = (await runtime.connection(portalId)).api.stats().calls - calls;
    expect(used, 'HubSpot calls the app made for the change').toBeLessThanOrEqual(5);
    // It was a targeted refresh: the records read one by one, a recompute of the affected deals.
    const refreshed = outcomes.filter((o) => o.refresh?.mode === 'records');
    expect(refreshed.length).toBeGreaterThan(0);
    expect(refreshed.every((o) => o.attribution?.scope === 'changed')).toBe(true);
    expect(refreshed.flatMap((o) => o.attribution?.changedDeals ?? [])).toContain(deal.id);
  }, 60_000);
});
