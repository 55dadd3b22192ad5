// The sync end to end against the sandbox, through the real HubSpot layer (budget, retries,
// readers): a full sync lands every record; an incremental run reads only what changed; faults
// and kills at random instants still converge to the store of an uninterrupted run.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/kernel/index.js';
import { CRM_OBJECT_TYPES } from '../../src/hubspot/types.js';
import type { RunningSandbox } from '../../sandbox/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { dumpStore, sandboxPortal, syncOnce } from './sync-fixture.js';

const ROOT = join(import.meta.dirname, '../..');

async function sandboxStats(sb: RunningSandbox): Promise<{ records: Record<string, number> }> {
  const res = await fetch(`${sb.baseUrl}/_sandbox/stats`, {
    headers: { authorization: `Bearer ${sb.accessToken}` },
  });
  return (await res.json()) as { records: Record<string, number> };
}

describe('sync against a small sandbox portal', () => {
  let sb: RunningSandbox;
  let store: Store;
  let reference: unknown;
  const dir = mkdtempSync(join(tmpdir(), 'sync-e2e-'));

  beforeAll(async () => {
    sb = await sandboxPortal({ scale: 'small', seed: 11 });
    store = await openStore(`sqlite:${join(dir, 'reference.db')}`);
  });
  afterAll(async () => {
    await store.close();
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a full sync lands every live record: store counts equal the sandbox exactly, zero 429s', async () => {
    const summary = await syncOnce(sb, store);
    expect(summary.ok).toBe(true);
    expect(summary.rateLimited).toBe(0);
    const stats = await sandboxStats(sb);
    const counts = await store.countRecords(sb.portalId);
    for (const type of CRM_OBJECT_TYPES) {
      if (type === 'notes' || type === 'tasks') continue; // optional streams, off by default
      expect(counts[type], type).toBe(stats.records[type]);
      expect(summary.streams[type]?.records, type).toBe(stats.records[type]);
    }
    expect(counts.pipelines).toBeGreaterThan(0);
    expect(counts.email_events).toBeGreaterThan(0);
    expect(counts.marketing_event_participations).toBeGreaterThan(0);
    reference = await dumpStore(store, sb.portalId);
    const touches = (reference as { touchpoints: string[] }).touchpoints;
    expect(touches.length).toBeGreaterThan(counts.contacts);
  }, 120_000);

  it('a second run is incremental and changes nothing', async () => {
    const summary = await syncOnce(sb, store);
    expect(summary.ok).toBe(true);
    for (const type of ['contacts', 'deals', 'calls'])
      expect(summary.streams[type]).toMatchObject({ status: 'ok', mode: 'incremental' });
    expect(await dumpStore(store, sb.portalId)).toEqual(reference);
  }, 60_000);

  it('killed at random instants five times, then resumed, equals the uninterrupted sync', async () => {
    const file = join(dir, 'killed.db');
    const env = {
      ...process.env,
      HUBSPOT_BASE_URL: sb.baseUrl,
      HUBSPOT_ACCESS_TOKEN: sb.accessToken,
      HUBSPOT_TIER: 'professional',
      DATABASE_URL: `sqlite:${file}`,
    };
    const random = mulberry32(2026);
    const runCli = (killAfterMs?: number) =>
      new Promise<{ code: number | null; killed: boolean }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'sync'], {
          cwd: ROOT,
          env,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let timer: NodeJS.Timeout | undefined;
        let killed = false;
        child.stderr.on('data', (chunk: Buffer) => {
          // Kill only once syncing has begun (the first progress line), at a random instant after.
          if (killAfterMs !== undefined && timer === undefined && chunk.includes('sync progress'))
            timer = setTimeout(() => {
              killed = child.kill('SIGKILL');
            }, killAfterMs);
        });
        child.on('exit', (code) => {
          clearTimeout(timer);
          resolve({ code, killed });
        });
      });
    let killedMidRun = 0;
    for (let i = 0; i < 5; i++) {
      const r = await runCli(Math.floor(random() * 4000));
      if (r.killed) killedMidRun++;
    }
    expect(killedMidRun).toBeGreaterThanOrEqual(3);
    expect((await runCli()).code).toBe(0);
    const resumed = await openStore(`sqlite:${file}`);
    try {
      expect(await dumpStore(resumed, sb.portalId)).toEqual(reference);
    } finally {
      await resumed.close();
    }
  }, 180_000);
});

describe('sync with faults on', () => {
  it('5% 5xx, 429 bursts and connection resets: the sync converges to the clean store', async () => {
    const clean = await sandboxPortal({ scale: 'tiny', seed: 5 });
    const faulty = await sandboxPortal({
      scale: 'tiny',
      seed: 5,
      faults: '5xx=0.05,429burst=0.02,reset=0.02,seed=3',
    });
    const a = await openStore('sqlite::memory:');
    const b = await openStore('sqlite::memory:');
    try {
      expect((await syncOnce(clean, a)).ok).toBe(true);
      const summary = await syncOnce(faulty, b);
      expect(summary.ok).toBe(true);
      expect(await dumpStore(b, faulty.portalId)).toEqual(await dumpStore(a, clean.portalId));
      const stats = (await (
        await fetch(`${faulty.baseUrl}/_sandbox/stats`, {
          headers: { authorization: `Bearer ${faulty.accessToken}` },
        })
      ).json()) as { faultsInjected: number };
      expect(stats.faultsInjected).toBeGreaterThan(0);
    } finally {
      await Promise.all([a.close(), b.close(), clean.close(), faulty.close()]);
    }
  }, 120_000);
});

describe('incremental sync after time passes', () => {
  it('reads only the records modified since the last run and lands them', async () => {
    const sb = await sandboxPortal({ scale: 'tiny', seed: 9 });
    const store = await openStore('sqlite::memory:');
    try {
      const full = await syncOnce(sb, store);
      expect(full.ok).toBe(true);
      // Each type's next window starts at its newest last-modified time before the run, minus 5 min.
      const since = new Map(
        CRM_OBJECT_TYPES.map((t) => [
          t,
          Math.max(
            0,
            ...[...sb.portal.objects[t].values()]
              .filter((r) => !r.archived)
              .map((r) => r.updatedAt),
          ) -
            5 * 60_000,
        ]),
      );
      const res = await fetch(`${sb.baseUrl}/_sandbox/advance`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ days: 10 }),
      });
      const advance = (await res.json()) as { from: number };
      const inc = await syncOnce(sb, store);
      expect(inc.ok).toBe(true);
      const fetched = (s: typeof full) =>
        Object.values(s.streams).reduce((a, r) => a + r.fetched, 0);
      expect(fetched(inc)).toBeLessThan(fetched(full) / 2);
      const stats = await sandboxStats(sb);
      const counts = await store.countRecords(sb.portalId);
      for (const type of CRM_OBJECT_TYPES) {
        if (type === 'notes' || type === 'tasks') continue;
        const result = inc.streams[type];
        expect(result, type).toMatchObject({ status: 'ok', mode: 'incremental' });
        expect(counts[type], type).toBe(stats.records[type]);
        const live = [...sb.portal.objects[type].values()].filter((r) => !r.archived);
        const changed = live.filter((r) => r.updatedAt > advance.from).length;
        const window = live.filter((r) => r.updatedAt >= (since.get(type) ?? 0)).length;
        const fetched = result?.status === 'ok' ? result.fetched : -1;
        expect(fetched, type).toBeGreaterThanOrEqual(changed);
        expect(fetched, type).toBeLessThanOrEqual(window);
      }
    } finally {
      await store.close();
      await sb.close();
    }
  }, 120_000);
});
