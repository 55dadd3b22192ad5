// The pg-boss runner on a real PostgreSQL with stand-in job handlers (ADR 0006): duplicates are
// absorbed while queued, one portal's jobs never overlap, failures are retried then dead-lettered
// with the error kept for the status page, permanent failures are not retried, and a job stopped
// at the end of its slice continues as the kind its handler names. Private schemas per run;
// skipped with a message without a server, except under CI.

import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  inCi,
  pgQuery as sql,
  POSTGRES_URL,
  probePostgres,
  urlWithSchema,
} from '../../support/postgres.js';
import { CycleStopped } from '../../../src/jobs/cycle.js';
import {
  createPgBossRunner,
  DEAD_LETTER_QUEUE,
  type PgBossRunner,
} from '../../../src/jobs/pgboss-runner.js';
import type { JobContext, JobHandler } from '../../../src/jobs/runner.js';
import { openStore } from '../../../src/store/index.js';
import { openSharedState, type SharedState } from '../../../src/store/postgres/shared-state.js';

const unreachable = await probePostgres();
if (unreachable !== undefined)
  console.warn(`pg-boss runner tests skipped: cannot reach ${POSTGRES_URL} (${unreachable}).`);

describe.runIf(unreachable !== undefined && inCi)('pg-boss runner in CI', () => {
  it('has PostgreSQL', () => {
    expect.fail(`cannot reach ${POSTGRES_URL}: ${unreachable ?? ''}`);
  });
});

const silent = { info: () => undefined, warn: () => undefined };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(unreachable !== undefined)('pg-boss runner', () => {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const url = urlWithSchema(schema);
  let shared: SharedState;
  const runners: PgBossRunner[] = [];

  const runner = async (handler: JobHandler, work = true) => {
    const r = await createPgBossRunner({
      connectionString: url,
      schema: `${schema}_pgboss`,
      shared,
      handler,
      work,
      sliceMs: 2000,
      retryLimit: 1,
      log: silent,
      permanent: (e) => e instanceof Error && e.message.startsWith('permanent'),
    });
    runners.push(r);
    return r;
  };

  beforeAll(async () => {
    await sql(`create schema "${schema}"`);
    await (await openStore(url)).close(); // the migrations create the shared tables
    shared = await openSharedState(url);
  });
  // A runner left working (a test that failed before its stop) would take the next test's jobs
  // with its own handler: every test's runners stop when it ends, passed or not.
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
  });
  afterAll(async () => {
    await shared.close();
    await sql(
      `drop schema if exists "${schema}" cascade; drop schema if exists "${schema}_pgboss" cascade`,
    );
  });

  it('absorbs queued duplicates and never overlaps one portal’s jobs', async () => {
    const runs: { portalId: number; kind: string; start: number; end: number }[] = [];
    // Sent from a web process (no worker), so nothing is taken before the duplicates arrive.
    const web = await runner(() => Promise.resolve(), false);
    for (let i = 0; i < 3; i++) expect(web.enqueue(11, 'sync')).toBe(true);
    web.enqueue(11, 'recompute');
    web.enqueue(12, 'sync');
    // enqueue returns before pg-boss stores the job: let every send land before a worker exists,
    // so none takes the first sync while its duplicates are still in flight.
    await web.sent();
    const worker = await runner(async (job: JobContext) => {
      const start = Date.now();
      await sleep(300);
      runs.push({ portalId: job.portalId, kind: job.kind, start, end: Date.now() });
    });
    await worker.idle();
    expect(runs.map((r) => `${String(r.portalId)}:${r.kind}`).sort()).toEqual([
      '11:recompute',
      '11:sync',
      '12:sync',
    ]);
    const eleven = runs.filter((r) => r.portalId === 11).sort((a, b) => a.start - b.start);
    expect(eleven[1]!.start).toBeGreaterThanOrEqual(eleven[0]!.end);
    expect(await worker.lastCycle(12)).toMatchObject({ state: 'succeeded', error: null });
    await worker.stop();
  }, 30_000);

  it('retries a failing job, then dead-letters it with its error kept', async () => {
    let attempts = 0;
    const r = await runner((job) => {
      if (job.portalId === 21) attempts++;
      return Promise.reject(new Error(`portal ${String(job.portalId)} is broken`));
    });
    r.enqueue(21, 'sync');
    await r.idle();
    expect(attempts).toBe(2); // the first run and one retry (retryLimit 1)
    expect(await r.lastCycle(21)).toMatchObject({
      state: 'failed',
      error: 'portal 21 is broken',
    });
    const dead = await sql(
      `select data from "${schema}_pgboss".job where name = '${DEAD_LETTER_QUEUE}'`,
    );
    expect(dead.rows.map((row: { data: unknown }) => row.data)).toContainEqual({
      portalId: 21,
      kind: 'sync',
    });
    await r.stop();
  }, 30_000);

  it('does not retry a permanent failure', async () => {
    let attempts = 0;
    const r = await runner(() => {
      attempts++;
      return Promise.reject(new Error('permanent: install revoked'));
    });
    r.enqueue(31, 'sync');
    await r.idle();
    expect(attempts).toBe(1);
    expect(await r.lastCycle(31)).toMatchObject({ state: 'failed' });
    await r.stop();
  }, 30_000);

  it('a job stopped by its slice continues as the kind it names, with when the work began', async () => {
    const seen: { kind: string; continuesFrom: number | undefined }[] = [];
    const r = await runner(async (job) => {
      seen.push({ kind: job.kind, continuesFrom: job.continuesFrom });
      if (job.kind !== 'sync') return;
      await new Promise((resolve) => {
        job.signal.addEventListener('abort', resolve);
      });
      throw new CycleStopped('recompute');
    });
    const before = Date.now();
    r.enqueue(41, 'sync');
    await r.idle();
    expect(seen.map((s) => s.kind)).toEqual(['sync', 'recompute']);
    expect(seen[0]!.continuesFrom).toBeUndefined();
    expect(seen[1]!.continuesFrom).toBeGreaterThanOrEqual(before);
    expect(await r.lastCycle(41)).toMatchObject({ state: 'succeeded' });
    await r.stop();
  }, 30_000);

  it('starts when several processes create the queue at the same moment', async () => {
    // Raw pg-boss createQueue from four instances at once deadlocks (40P01) on a fresh schema.
    const fresh = `${schema}_fresh`;
    const started = await Promise.all(
      [0, 1, 2, 3].map(() =>
        createPgBossRunner({
          connectionString: url,
          schema: fresh,
          shared,
          handler: () => Promise.resolve(),
          work: false,
          log: silent,
        }),
      ),
    );
    await Promise.all(started.map((r) => r.stop()));
    await sql(`drop schema "${fresh}" cascade`);
  }, 30_000);

  it('refuses an invalid portal id, naming the field', async () => {
    const r = await runner(() => Promise.resolve(), false);
    expect(() => r.enqueue(0, 'sync')).toThrow(/portalId/);
    await r.stop();
  });
});
