// Server benchmark: the card endpoint (GET /api/v1/deals/:id/attribution) under load from a second
// process (autocannon), on deals of 500 touches from 8 contacts, every request signed with v3 as
// HubSpot signs it. This process seeds a SQLite store with raw records
// in the shapes the sync writes (server-seed.ts), runs the worker's recompute (which stores every
// shown model's card view, ADR 0008), and serves the production app (the real services, info-level
// access logs to /dev/null); a child process per run drives the load and reports response times.
//
// Two paths, each at 200 requests/s (target p99 ≤ 50 ms), offered two ways (see Mode), and
// unthrottled for the maximum requests/s; each run BENCH_SERVER_SECONDS (default 10):
// - cached: one deal, as reps reopening it: the service serves its view from the 60 s cache;
// - uncached: 200 deals in rotation with a view TTL of 0, so every request reads the deal's stored
//   view from the store: what the web role does for a card it has not served in the last minute.
// Latencies: from sending a request to its last byte (autocannon's hrtime per response, exact
// percentiles over all responses; autocannon's own histogram keeps whole ms only).
// Prints one JSON line.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pino from 'pino';
import { signV3 } from '../sandbox/server/signature.js';
import { appServer, composeApp } from '../src/app/index.js';
import { loadConfig } from '../src/config.js';
import { createLogger, listen } from '../src/server/index.js';
import { openStore, type Store } from '../src/store/index.js';
import { CONTACTS, PORTAL, seed, TOUCHES } from './server-seed.js';

const SECRET = 'bench-client-secret';
const ROTATING_DEALS = 200;
const RATE = 200;
const TARGET_P99_MS = 50;
const CONNECTIONS = 10;
const SECONDS = Number(process.env['BENCH_SERVER_SECONDS'] ?? 10);
const LOAD_ROLE = '--load';

// ---- the load role (child process) ---------------------------------------------------------

/**
 * How a run offers its load:
 * - burst: autocannon's own rate limit, `rate` req/s over CONNECTIONS connections; it sends each
 *   connection's quota back to back at the start of every second, so requests queue in bursts;
 * - paced: PACED_CONNECTIONS single-connection autocannon instances at rate / PACED_CONNECTIONS
 *   each, started evenly over one second: each still sends its quota back to back, but the load
 *   arrives as 20 short bursts of 10 sequential requests spread over the second, closer to
 *   HubSpot's independent card fetches;
 * - max: CONNECTIONS connections, no rate limit.
 */
type Mode = 'burst' | 'paced' | 'max';

interface LoadPlan {
  readonly url: string;
  readonly mode: Mode;
  readonly rate: number;
  readonly requests: { path: string; headers: Record<string, string> }[];
}

interface LoadResult {
  readonly responses: number;
  /** Σ over the instances of responses ÷ the instance's duration (they run side by side). */
  readonly requestsPerSecond: number;
  readonly latencies: readonly number[];
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}

const PACED_CONNECTIONS = 20;

async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of process.stdin) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString();
}

/** One autocannon instance; latencies come from its response events (hrtime, fractional ms). */
function cannon(
  plan: LoadPlan,
  connections: number,
  rate: number | undefined,
  offset: number,
  latencies: number[],
) {
  let non2xx = 0;
  let responses = 0;
  const rotated = [...plan.requests.slice(offset), ...plan.requests.slice(0, offset)];
  return new Promise<{ result: autocannon.Result; non2xx: number; responses: number }>(
    (resolve, reject) => {
      const instance = autocannon(
        {
          url: plan.url,
          connections,
          duration: SECONDS,
          ...(rate === undefined ? {} : { overallRate: rate }),
          requests: rotated.map((r) => ({ method: 'GET' as const, ...r })),
        },
        (e: unknown, result) => {
          if (e === null || e === undefined) resolve({ result, non2xx, responses });
          else reject(new Error('autocannon failed', { cause: e }));
        },
      );
      instance.on('response', (_client, status, _bytes, ms) => {
        latencies.push(ms);
        responses++;
        if (status < 200 || status > 299) non2xx++;
      });
    },
  );
}

async function load(): Promise<void> {
  const plan = JSON.parse(await readStdin()) as LoadPlan;
  const latencies: number[] = [];
  const runs: ReturnType<typeof cannon>[] = [];
  if (plan.mode === 'paced') {
    const step = plan.requests.length / PACED_CONNECTIONS;
    for (let i = 0; i < PACED_CONNECTIONS; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 1000 / PACED_CONNECTIONS));
      runs.push(cannon(plan, 1, plan.rate / PACED_CONNECTIONS, Math.floor(i * step), latencies));
    }
  } else {
    runs.push(
      cannon(plan, CONNECTIONS, plan.mode === 'burst' ? plan.rate : undefined, 0, latencies),
    );
  }
  const done = await Promise.all(runs);
  const out: LoadResult = {
    responses: latencies.length,
    requestsPerSecond: done.reduce((n, d) => n + d.responses / d.result.duration, 0),
    latencies,
    errors: done.reduce((n, d) => n + d.result.errors, 0),
    timeouts: done.reduce((n, d) => n + d.result.timeouts, 0),
    non2xx: done.reduce((n, d) => n + d.non2xx, 0),
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

// ---- the server role (this process) ------------------------------------------------------------

/** Signed like HubSpot's hubspot.fetch; valid for 5 minutes, so signed right before each run. */
function signedRequest(origin: string, dealId: string) {
  const path = `/api/v1/deals/${dealId}/attribution?portalId=${PORTAL}`;
  const ts = Date.now();
  return {
    path,
    headers: {
      'X-HubSpot-Signature-v3': signV3(SECRET, 'GET', `${origin}${path}`, '', ts),
      'X-HubSpot-Request-Timestamp': String(ts),
    },
  };
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', self, LOAD_ROLE], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(plan));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`load process exited with ${String(code)}`);
  return JSON.parse(out) as LoadResult;
}

/** Nearest-rank percentile of sorted values, in ms to 0.1. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const v = sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return Math.round(v * 10) / 10;
}

/** One run's figures; server CPU per request shows what the latency leaves room for. */
async function measure(origin: string, dealIds: readonly string[], mode: Mode) {
  const cpu = process.cpuUsage();
  const r = await run({
    url: origin,
    mode,
    rate: RATE,
    requests: dealIds.map((id) => signedRequest(origin, id)),
  });
  const used = process.cpuUsage(cpu);
  const sorted = [...r.latencies].sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round(r.requestsPerSecond * 10) / 10,
    requests: r.responses,
    latencyMs: {
      p50: percentile(sorted, 50),
      p97_5: percentile(sorted, 97.5),
      p99: percentile(sorted, 99),
      max: percentile(sorted, 100),
    },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    serverCpuMsPerRequest:
      r.responses === 0
        ? null
        : Math.round(((used.user + used.system) / 1000 / r.responses) * 100) / 100,
  };
}

/** The production app over the seeded store, composed as `start` composes it. */
async function serve(store: Store, viewTtlMs?: number) {
  const loaded = loadConfig({ HUBSPOT_CLIENT_SECRET: SECRET });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const app = await composeApp({
    config: loaded.config,
    store,
    ...(viewTtlMs === undefined ? {} : { viewTtlMs }),
  });
  const log = createLogger('info', pino.destination({ dest: '/dev/null', sync: true }));
  const { server, url } = await listen(appServer(app, { log }), 0, '127.0.0.1');
  return { server, origin: url };
}

/** The worker's part: one recompute of the seeded portal, composed as `start` composes it. */
async function recompute(store: Store): Promise<void> {
  const loaded = loadConfig({ HUBSPOT_CLIENT_SECRET: SECRET });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const app = await composeApp({ config: loaded.config, store });
  await app.usecases.attributePortal(PORTAL);
}

/** The card's answer must be right before its speed means anything. */
async function checkCard(origin: string, dealId: string): Promise<number> {
  const { path, headers } = signedRequest(origin, dealId);
  const res = await fetch(`${origin}${path}`, { headers });
  const body = (await res.json()) as {
    status?: string;
    amount?: { cents: number };
    touchpoints?: { credit: { cents: number } }[];
    unattributedCents?: number;
  };
  const credited = (body.touchpoints ?? []).reduce((s, t) => s + t.credit.cents, 0);
  if (
    res.status !== 200 ||
    body.status !== 'ok' ||
    body.touchpoints?.length !== TOUCHES ||
    credited + (body.unattributedCents ?? NaN) !== body.amount?.cents
  )
    throw new Error(`deal ${dealId}: unexpected card answer (HTTP ${res.status})`);
  return JSON.stringify(body).length;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-server-'));
  const store = await openStore(`sqlite:${join(dir, 'bench.db')}`);
  const servers: { server: Server }[] = [];
  try {
    const t0 = performance.now();
    const [hot, ...rotating] = await seed(store, 1 + ROTATING_DEALS);
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    // The worker's recompute stores the read model the card reads (the web role computes nothing).
    const t1 = performance.now();
    await recompute(store);
    const recomputeSeconds = Math.round((performance.now() - t1) / 100) / 10;

    const cached = await serve(store);
    const uncached = await serve(store, 0);
    servers.push(cached, uncached);
    const cardBytes = await checkCard(cached.origin, hot!);
    for (const id of rotating) await checkCard(uncached.origin, id);

    process.stderr.write(`server: seeded in ${seedSeconds} s; load runs of ${SECONDS} s…\n`);
    // A short unmeasured run first, so both code paths are compiled before measuring.
    await measure(uncached.origin, rotating.slice(0, 20), 'max');
    const path = async (origin: string, deals: readonly string[]) => ({
      paced: await measure(origin, deals, 'paced'),
      burst: await measure(origin, deals, 'burst'),
      unthrottled: await measure(origin, deals, 'max'),
    });
    const cachedRuns = await path(cached.origin, [hot!]);
    const uncachedRuns = await path(uncached.origin, rotating);
    const ok = (p99: number | null) => p99 !== null && p99 <= TARGET_P99_MS;
    const verdict = (runs: typeof cachedRuns) => ({
      paced: ok(runs.paced.latencyMs.p99),
      burst: ok(runs.burst.latencyMs.p99),
    });
    const failures = [cachedRuns, uncachedRuns]
      .flatMap((p) => [p.paced, p.burst, p.unthrottled])
      .reduce((n, r) => n + r.errors + r.non2xx, 0);
    process.stdout.write(
      JSON.stringify({
        bench: 'server',
        touchesPerDeal: TOUCHES,
        contactsPerDeal: CONTACTS,
        cardBytes,
        rate: RATE,
        seconds: SECONDS,
        seedSeconds,
        recomputeSeconds,
        targetP99Ms: TARGET_P99_MS,
        cached: { deals: 1, ...cachedRuns, p99WithinTargetAtRate: verdict(cachedRuns) },
        uncached: {
          deals: rotating.length,
          ...uncachedRuns,
          p99WithinTargetAtRate: verdict(uncachedRuns),
        },
      }) + '\n',
    );
    if (failures > 0) {
      process.stderr.write(`server: ${failures} requests failed (errors or non-2xx)\n`);
      process.exitCode = 1;
    }
  } finally {
    for (const { server } of servers)
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes(LOAD_ROLE)) await load();
else await main();
