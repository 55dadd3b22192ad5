// Scale-out benchmark (issue #7, ADR 0006): portals per hour processed by 1, 2 and 4 worker
// processes (`start --role worker`, 2 jobs each) on one PostgreSQL, against tiny sandbox portals
// installed over OAuth with their rate limits on. Each run gets a fresh schema and fresh portals;
// the scheduler's first tick queues a sync for every portal; the clock runs from the first job's
// start to the last portal's finished cycle (first cycles: sync, attribute, write-back).
//
// The bound: a portal's cycle cannot beat its rate limit (after the first free burst, one more
// window per burst of its burst-counted calls), and W workers run at most 2·W portals at once.
// Prints one JSON line: per worker count the portals per hour, the ratio to one worker, the
// bound, measured ÷ bound and what limits it (≥ 75% of the bound: the rate limits); `stopsAt` is
// the first worker count that gains less than 75% of its extra workers, with why (null: none of
// the counts measured).
//
// BENCH_SCALE_PORTALS (default 16), BENCH_SCALE_WORKERS (default 1,2,4), BENCH_SCALE_BURST (calls
// per 10 s each portal allows, default 40). Needs PostgreSQL (TEST_DATABASE_URL or the local one).

import { startFleet } from '../test/e2e/scale-fixture.js';
import { POSTGRES_URL as DATABASE, probePostgres } from '../test/support/postgres.js';

const PORTALS = Number(process.env['BENCH_SCALE_PORTALS'] ?? 16);
const WORKERS = (process.env['BENCH_SCALE_WORKERS'] ?? '1,2,4').split(',').map(Number);
const BURST = Number(process.env['BENCH_SCALE_BURST'] ?? 40);
const JOBS_PER_WORKER = 2;
const WINDOW_MS = 10_000;

for (const [name, v] of [
  ['BENCH_SCALE_PORTALS', PORTALS],
  ['BENCH_SCALE_BURST', BURST],
  ...WORKERS.map((w) => ['BENCH_SCALE_WORKERS', w] as const),
] as const)
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name}: expected positive integers`);

const unreachable = await probePostgres();
if (unreachable !== undefined) {
  process.stderr.write(`scale benchmark needs PostgreSQL at ${DATABASE}: ${unreachable}\n`);
  process.exit(1);
}

interface Run {
  readonly workers: number;
  readonly wallMs: number;
  readonly portalsPerHour: number;
  readonly callsPerPortal: number;
  readonly boundPortalsPerHour: number;
  readonly rateLimited: number;
}

async function runWith(workers: number): Promise<Run> {
  const fleet = await startFleet({ portals: PORTALS, burst: () => BURST });
  try {
    for (let i = 0; i < workers; i++) fleet.spawnWorker();
    const finished = (ev: readonly { msg: string; portalId?: number }[]) =>
      new Set(ev.filter((e) => e.msg === 'cycle finished').map((e) => e.portalId)).size;
    await fleet.waitFor((ev) => finished(ev) === PORTALS, 30 * 60_000);
    const starts = fleet.events.filter((e) => e.msg === 'job started').map((e) => e.time);
    const ends = fleet.events.filter((e) => e.msg === 'cycle finished').map((e) => e.time);
    const wallMs = Math.max(...ends) - Math.min(...starts);
    // Calls that count in the burst window: search has its own 5/s budget, token refreshes none.
    let calls = 0;
    let rateLimited = 0;
    for (const sb of fleet.sandboxes) {
      const stats = await fleet.sandboxStats(sb);
      for (const [route, n] of Object.entries(stats.requests))
        if (!route.endsWith('/search') && !route.includes('/oauth/')) calls += n;
      rateLimited += stats.rateLimited;
    }
    const callsPerPortal = calls / PORTALS;
    // Fastest possible cycle of one portal under its limit, and portals running at once.
    const cycleBoundMs = Math.max(0, Math.ceil(callsPerPortal / BURST) - 1) * WINDOW_MS;
    const parallel = Math.min(PORTALS, workers * JOBS_PER_WORKER);
    const rounds = Math.ceil(PORTALS / parallel);
    const boundMs = Math.max(1, rounds * cycleBoundMs);
    return {
      workers,
      wallMs,
      portalsPerHour: Math.round((PORTALS / wallMs) * 3_600_000),
      callsPerPortal: Math.round(callsPerPortal),
      boundPortalsPerHour: Math.round((PORTALS / boundMs) * 3_600_000),
      rateLimited,
    };
  } finally {
    await fleet.close();
  }
}

const runs: Run[] = [];
for (const w of WORKERS) {
  runs.push(await runWith(w));
  process.stderr.write(`scale: ${JSON.stringify(runs[runs.length - 1])}\n`);
}
const base = runs[0]!;
const rows = runs.map((r) => {
  const ofBound = r.portalsPerHour / r.boundPortalsPerHour;
  return {
    ...r,
    ratio: Number((r.portalsPerHour / base.portalsPerHour).toFixed(2)),
    ofBound: Number(ofBound.toFixed(2)),
    limitedBy: ofBound >= 0.75 ? 'rate limits' : 'this machine',
  };
});
// Where adding workers stops paying: less than 75% of the ideal gain over the previous count.
let stopsAt: { workers: number; because: string } | null = null;
for (let i = 1; i < rows.length; i++) {
  const prev = rows[i - 1]!;
  const cur = rows[i]!;
  const ideal = cur.workers / prev.workers;
  const gain = cur.portalsPerHour / prev.portalsPerHour;
  if (gain < 1 + 0.75 * (ideal - 1)) {
    stopsAt = {
      workers: cur.workers,
      because:
        cur.ofBound >= 0.75
          ? 'the portals’ rate limits (cycles run near their bound; more workers add idle slots)'
          : 'this machine (cycles run well above their rate-limit bound: CPU or the database)',
    };
    break;
  }
}
process.stdout.write(
  JSON.stringify({
    benchmark: 'scale',
    portals: PORTALS,
    burstPer10s: BURST,
    jobsPerWorker: JOBS_PER_WORKER,
    runs: rows,
    stopsAt,
  }) + '\n',
);
