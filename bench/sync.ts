// Sync benchmark: a full sync of a `medium` sandbox portal (the CLI sandbox in its own process,
// professional tier, private-app rate limits ON) into a fresh SQLite store, through the same code
// path as `npm run -s cli -- sync`. Prints one JSON line: records, API calls, calls per 1,000
// records, the minimum the page sizes allow, 429s received, wall time, and wall time over the
// rate-limit bound (calls ÷ allowed rate). Targets: zero 429s, ≤ 1.1× the bound, calls ≤ 1.05× the
// minimum. BENCH_SYNC_SCALE=small for a quicker run.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApp } from '../src/app/index.js';
import { loadConfig } from '../src/config.js';
import { HISTORY_PAGE_LIMIT, limitsFor, PAGE_LIMIT } from '../src/hubspot/index.js';
import { CRM_STREAMS } from '../src/sync/index.js';
import { startSandboxProcess } from './sandbox-process.js';

const SCALE = process.env['BENCH_SYNC_SCALE'] ?? 'medium';

const sb = await startSandboxProcess(['--scale', SCALE, '--seed', '3']);
const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
const loaded = loadConfig({
  DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
  HUBSPOT_BASE_URL: sb.baseUrl,
  HUBSPOT_ACCESS_TOKEN: sb.accessToken,
  HUBSPOT_TIER: 'professional',
});
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const app = await composeApp({ config: loaded.config });
const { store } = app;
try {
  const limits = limitsFor('private', 'professional');
  const conn = await app.privateApp();
  const t0 = performance.now();
  // Three streams at once, as this benchmark has always measured (the sync's own default).
  const summary = await app.usecases.syncPortal(conn.portalId, { concurrency: 3 });
  const wallMs = performance.now() - t0;
  const stats = (await (
    await fetch(`${sb.baseUrl}/_sandbox/stats`, {
      headers: { authorization: `Bearer ${sb.accessToken}` },
    })
  ).json()) as { rateLimited: number; requests: Record<string, number> };

  // The fewest calls the page sizes allow: every list page of every stream, one archived-list
  // call per stream, and the non-CRM streams' own pages (their calls as made: they have no slack).
  const counts = await store.countRecords(conn.portalId);
  let minimum = 0;
  for (const s of CRM_STREAMS.filter((s) => !s.optional)) {
    const size = s.history.length > 0 ? HISTORY_PAGE_LIMIT : PAGE_LIMIT;
    minimum += Math.max(1, Math.ceil(counts[s.name] / size)) + 1;
  }
  let records = 0;
  for (const [name, r] of Object.entries(summary.streams)) {
    records += r.records;
    if (!CRM_STREAMS.some((s) => s.name === name)) minimum += r.apiCalls;
  }
  const search = Object.entries(stats.requests)
    .filter(([route]) => route.endsWith('/search'))
    .reduce((a, [, n]) => a + n, 0);
  const apiCalls = summary.apiCalls - search; // search has its own 5/s budget
  const boundMs = (apiCalls / limits.burst) * limits.windowMs;
  process.stdout.write(
    JSON.stringify({
      benchmark: 'sync',
      scale: SCALE,
      ok: summary.ok,
      records,
      apiCalls,
      searchCalls: search,
      callsPer1000Records: Number(((apiCalls / records) * 1000).toFixed(2)),
      minimumCalls: minimum,
      callsOverMinimum: Number((apiCalls / minimum).toFixed(3)),
      rateLimitedSeen: summary.rateLimited,
      rateLimitedBySandbox: stats.rateLimited,
      wallMs: Math.round(wallMs),
      rateLimitBoundMs: Math.round(boundMs),
      wallOverBound: Number((wallMs / boundMs).toFixed(3)),
      streams: Object.fromEntries(
        Object.entries(summary.streams).map(([n, r]) => [
          n,
          { records: r.records, calls: r.apiCalls },
        ]),
      ),
    }) + '\n',
  );
} finally {
  await app.close();
  sb.stop();
  rmSync(dir, { recursive: true, force: true });
}
