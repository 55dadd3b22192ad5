// `npm run bench -- large`: a 1M-record portal end to end (issue 12). A `large` sandbox portal
// (≈ 1M CRM records, professional private-app rate limits on) runs in its own process; the app
// runs `start --once --json` in another, exactly as a deployment would run its first cycle, on
// SQLite and on PostgreSQL (BENCH_LARGE_STORES=sqlite,postgres; PostgreSQL only when reachable).
// BENCH_LARGE_SCALE=medium runs the same path on a medium portal (minutes, not tens of minutes).
//
// Per store it prints the figures on stderr and, at the end, one JSON line: records synced,
// calls, 429s, sync wall time and its ratio to the rate-limit bound (the calls, search excluded,
// at the tier's burst per 10 s), the app's peak RSS, the attribution's time and what one batch
// held, the write-back's calls and their ratio to the minimum (one batch update per 100 written
// records of each type, plus the schema calls it needs), and the evaluation's time. Targets: peak
// RSS ≤ 1.5 GB, sync ≤ 1.15× the bound, zero 429s, attribution ≤ 60 s, write-back ≤ 1.05×.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { limitsFor } from '../src/hubspot/index.js';
import type { cycleFigures } from '../src/cli/start.js';
import {
  createSchema,
  dropSchema,
  POSTGRES_URL,
  privateSchemaName,
  probePostgres,
  urlWithSchema,
} from '../test/support/postgres.js';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process.js';

type Figures = ReturnType<typeof cycleFigures>;

const root = fileURLToPath(new URL('..', import.meta.url));
const SCALE = process.env['BENCH_LARGE_SCALE'] ?? 'large';
const STORES = (process.env['BENCH_LARGE_STORES'] ?? 'sqlite,postgres').split(',');
const TARGETS = {
  peakRssMb: 1536,
  syncBound: 1.15,
  rateLimited: 0,
  attributionS: 60,
  writeback: 1.05,
};
const SECRET = 'bench-large-secret';

const log = (text: string) => process.stderr.write(`large: ${text}\n`);

interface SandboxStats {
  readonly rateLimited: number;
  readonly requests: Record<string, number>;
}

async function sandboxStats(sb: SandboxProcess): Promise<SandboxStats> {
  const res = await fetch(`${sb.baseUrl}/_sandbox/stats`, {
    headers: { authorization: `Bearer ${sb.accessToken}` },
  });
  return (await res.json()) as SandboxStats;
}

/** `start --once --json` in a child process; its JSON line, and its wall time. */
async function startOnce(
  sb: SandboxProcess,
  databaseUrl: string,
): Promise<{ figures: Figures; wallMs: number }> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'start', '--once', '--json'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: '0',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        HUBSPOT_BASE_URL: sb.baseUrl,
        HUBSPOT_ACCESS_TOKEN: sb.accessToken,
        HUBSPOT_TIER: 'professional',
        HUBSPOT_CLIENT_SECRET: SECRET,
      },
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  // Progress lines (one per stream and phase) go on to this process's stderr, thinned; the last
  // ones are kept to say why, should the app fail.
  let lastLine = 0;
  const tail: string[] = [];
  child.stderr.on('data', (d: Buffer) => {
    const text = d.toString();
    tail.push(...text.trim().split('\n'));
    tail.splice(0, Math.max(0, tail.length - 40));
    if (Date.now() - lastLine > 15_000) {
      lastLine = Date.now();
      process.stderr.write(`  app: ${text.trim().split('\n').at(-1) ?? ''}\n`);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const line = out.trim().split('\n').at(-1) ?? '';
  if (code !== 0 && line === '')
    throw new Error(`start --once exited with ${String(code)}:\n${tail.join('\n')}`);
  return { figures: JSON.parse(line) as Figures, wallMs: performance.now() - t0 };
}

async function runOn(sb: SandboxProcess, store: string): Promise<Record<string, unknown>> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (store === 'postgres') {
    const schema = privateSchemaName();
    await createSchema(schema);
    url = urlWithSchema(schema);
    cleanup = () => dropSchema(schema);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'bench-large-'));
    url = `sqlite:${join(dir, 'app.db')}`;
    cleanup = () => {
      // BENCH_LARGE_KEEP=1 leaves the synced store for profiling a recompute on it.
      if (process.env['BENCH_LARGE_KEEP'] === '1') log(`kept the store: ${url}`);
      else rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    };
  }
  try {
    const before = await sandboxStats(sb);
    log(`${store}: start --once against the ${SCALE} portal…`);
    const { figures: f, wallMs } = await startOnce(sb, url);
    const after = await sandboxStats(sb);
    const search = Object.entries(after.requests)
      .filter(([route]) => route.endsWith('/search'))
      .reduce((n, [route, c]) => n + c - (before.requests[route] ?? 0), 0);
    const limits = limitsFor('private', 'professional');
    const s = f.sync!;
    const a = f.attribution!;
    const w = f.writeback!;
    // Search has its own 5/s budget: the bound is the rest at the burst rate.
    const boundMs = ((s.apiCalls - search) / limits.burst) * limits.windowMs;
    const updates = (['deals', 'contacts', 'companies'] as const).reduce(
      (n, t) => n + Math.ceil(w.byType[t].written / 100),
      0,
    );
    // The fewest calls: one batch update per 100 written records of each type, and the schema
    // calls (reading, then creating the group and properties a fresh portal lacks).
    const minimum = updates + (w.apiCalls - w.updateCalls);
    const figures = {
      store,
      state: f.state,
      records: s.records,
      apiCalls: s.apiCalls,
      rateLimited: after.rateLimited - before.rateLimited,
      syncSeconds: Math.round(s.durationMs / 100) / 10,
      boundSeconds: Math.round(boundMs / 100) / 10,
      syncOverBound: Math.round((s.durationMs / boundMs) * 1000) / 1000,
      peakRssMb: f.peakRssMb,
      attribution: {
        seconds: Math.round(a.ms / 100) / 10,
        deals: a.deals.total,
        batches: a.batches,
        timings: a.timings,
      },
      evaluation: f.evaluation,
      writeback: {
        written: w.written,
        byType: w.byType,
        apiCalls: w.apiCalls,
        minimum,
        overMinimum: minimum === 0 ? 1 : Math.round((w.apiCalls / minimum) * 1000) / 1000,
        failed: w.failed,
      },
      stepSeconds: Object.fromEntries(
        Object.entries(f.stepMs).map(([k, v]) => [k, Math.round(v / 100) / 10]),
      ),
      wallSeconds: Math.round(wallMs / 100) / 10,
    };
    log(`${store}: ${JSON.stringify(figures)}`);
    return {
      ...figures,
      withinTargets: {
        peakRss: figures.peakRssMb <= TARGETS.peakRssMb,
        sync: figures.syncOverBound <= TARGETS.syncBound,
        rateLimited: figures.rateLimited <= TARGETS.rateLimited,
        attribution: figures.attribution.seconds <= TARGETS.attributionS,
        writeback: figures.writeback.overMinimum <= TARGETS.writeback,
      },
    };
  } finally {
    await cleanup();
  }
}

async function main(): Promise<void> {
  const stores = [...STORES];
  if (stores.includes('postgres')) {
    const why = await probePostgres();
    if (why !== undefined) {
      log(`PostgreSQL at ${POSTGRES_URL} not reachable (${why}): SQLite only`);
      stores.splice(stores.indexOf('postgres'), 1);
    }
  }
  log(`generating the ${SCALE} sandbox portal in its own process…`);
  const t0 = performance.now();
  const sb = await startSandboxProcess([
    '--scale',
    SCALE,
    '--seed',
    '3',
    '--client-secret',
    SECRET,
  ]);
  log(`sandbox ready in ${Math.round((performance.now() - t0) / 1000)} s`);
  try {
    const runs = [];
    for (const store of stores) runs.push(await runOn(sb, store));
    process.stdout.write(
      JSON.stringify({ bench: 'large', scale: SCALE, targets: TARGETS, runs }) + '\n',
    );
  } finally {
    sb.stop();
  }
}

await main();
