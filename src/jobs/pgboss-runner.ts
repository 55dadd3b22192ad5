// The scale-out job runner (ADR 0006): the same JobRunner over pg-boss 10 on the store's
// PostgreSQL, so any number of worker processes share one queue.
//
// - One queue, policy `short`: at most one *queued* job per singleton key `<portal>:<kind>`, so
//   a storm of hints queues one job. (`singleton`/`stately` would also cap *active* jobs per key,
//   but in pg-boss 10 a queued job whose key is active makes the whole fetch fail — one busy
//   portal would stall every other portal — and they cannot keep a sync and a recompute of one
//   portal apart.) A portal's jobs never overlap because each job runs under the portal's
//   advisory lock; a job that finds the lock taken is sent again a few seconds later.
// - Fairness: a job runs for at most one time slice, then stops after its page (checkpoint saved)
//   and queues its continuation behind everyone else's work, so a big portal takes turns.
// - pg-boss has no heartbeat: a killed worker's job is retried when it expires, so the expiry is
//   a few slices, and retries back off. A job that fails every retry goes to the dead-letter
//   queue; its error stays in the portal's last cycle for the status page.
// - Stopping (SIGTERM): running jobs stop after their page, queue their continuation for another
//   worker and complete; nothing waits for a retry delay and no retry is spent.

import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { CycleState } from '../domain/index.js';
import { CycleStopped } from './cycle.js';
import type { JobLogger } from './logger.js';
import { JOB_STEPS, type JobHandler, type JobKind, type JobRunner } from './runner.js';

export const JOB_QUEUE = 'portal-jobs';
export const DEAD_LETTER_QUEUE = 'portal-jobs-dead';

/** A job's payload, checked when a worker takes it (another version may have queued it). */
const JobData = z.strictObject({
  portalId: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
  kind: z.enum(Object.keys(JOB_STEPS) as [JobKind, ...JobKind[]]),
  /** When the work this job continues began (ms). */
  continuesFrom: z.number().int().min(0).optional(),
});
type JobData = z.infer<typeof JobData>;

export interface HeldLock {
  release(): Promise<void>;
}

/** What the runner needs from the shared PostgreSQL state (src/store/postgres/shared-state.ts). */
export interface SharedJobState {
  readonly cycles: {
    get(portalId: number): Promise<CycleState | null>;
    set(portalId: number, cycle: CycleState): Promise<void>;
  };
  lockPortal(portalId: number): Promise<HeldLock | undefined>;
}

export type RunnerLog = JobLogger;

export interface PgBossRunnerOptions {
  readonly connectionString: string;
  /** pg-boss's own schema (its tables never mix with the store's). */
  readonly schema: string;
  readonly shared: SharedJobState;
  readonly handler: JobHandler;
  /** false: this process only sends jobs (web role). */
  readonly work: boolean;
  /** Jobs this process runs at once (default 2). */
  readonly parallelPortals?: number;
  /** Longest a job runs before it stops after its page and continues later (default 120 s). */
  readonly sliceMs?: number;
  /** Failures retried before the job is dead-lettered (default 4). */
  readonly retryLimit?: number;
  readonly log: RunnerLog;
  readonly onError?: (portalId: number, kind: JobKind, error: unknown) => void;
  /** Errors no retry can fix (e.g. a revoked install): recorded, never retried. */
  readonly permanent?: (error: unknown) => boolean;
  readonly now?: () => number;
}

/** Seconds a job waits before it looks again at a portal whose lock another job holds. */
const BUSY_RETRY_SECONDS = 3;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Runs a queue creation that other processes may run at the same moment. pg-boss creates a
 * queue's partition and attaches it to its job table; two processes starting together can
 * deadlock there (measured: three workers started at once), and PostgreSQL then aborts one of
 * them. Again, it finds the queue made by the other and does nothing.
 */
async function concurrently(create: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await create();
      return;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (attempt >= 5 || (code !== '40P01' && code !== '23505')) throw e;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The runner, plus a way to wait until every enqueued job has reached the queue. */
export interface PgBossRunner extends JobRunner {
  /** Resolves when the sends started by `enqueue` so far have been stored (or failed, logged). */
  sent(): Promise<void>;
}

export async function createPgBossRunner(o: PgBossRunnerOptions): Promise<PgBossRunner> {
  const now = o.now ?? Date.now;
  const sliceMs = o.sliceMs ?? 120_000;
  const sliceSeconds = Math.max(1, Math.ceil(sliceMs / 1000));
  const boss = new PgBoss({
    connectionString: o.connectionString,
    schema: o.schema,
    application_name: 'deal-attribution-jobs',
    max: Math.max(2, (o.parallelPortals ?? 2) + 2),
    // node-cron in one elected process schedules (src/jobs/leader.ts), not pg-boss's cron.
    schedule: false,
    // Expired jobs (a killed worker's) are found within half a slice.
    maintenanceIntervalSeconds: Math.min(120, Math.max(1, Math.ceil(sliceSeconds / 2))),
  });
  boss.on('error', (e) => {
    o.log.warn({ err: message(e) }, 'job queue error');
  });
  const queue: PgBoss.Queue = {
    name: JOB_QUEUE,
    policy: 'short',
    retryLimit: o.retryLimit ?? 4,
    retryDelay: Math.min(60, Math.max(1, Math.ceil(sliceSeconds / 2))),
    retryBackoff: true,
    // Past a slice the job stops after its page; attribute and write-back are not interruptible,
    // so the expiry leaves them four more slices before pg-boss retries the job elsewhere (and
    // even then the portal lock keeps the retry from overlapping the job it replaces).
    expireInSeconds: 5 * sliceSeconds,
    deadLetter: DEAD_LETTER_QUEUE,
  };
  try {
    await boss.start();
    await concurrently(() => boss.createQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE }));
    // Created once, updated so a changed slice takes effect.
    await concurrently(() => boss.createQueue(JOB_QUEUE, queue));
    await boss.updateQueue(JOB_QUEUE, queue);
  } catch (e) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw e;
  }

  let stopped = false;
  const running = new Set<AbortController>();
  const sending = new Set<Promise<unknown>>();

  const send = (data: JobData, startAfterSeconds?: number): Promise<string | null> =>
    boss.send(JOB_QUEUE, data, {
      singletonKey: `${String(data.portalId)}:${data.kind}`,
      ...(startAfterSeconds === undefined ? {} : { startAfter: startAfterSeconds }),
    });

  const track = (p: Promise<unknown>) => {
    sending.add(p);
    void p.finally(() => sending.delete(p));
  };

  const setCycle = (portalId: number, cycle: CycleState): Promise<void> =>
    o.shared.cycles.set(portalId, cycle).catch((e: unknown) => {
      o.log.warn({ portalId, err: message(e) }, 'cannot record the job cycle');
    });

  const runJob = async (job: PgBoss.Job<unknown>): Promise<object> => {
    const parsed = JobData.safeParse(job.data);
    if (!parsed.success) {
      // No retry can fix a malformed payload: record why and drop it.
      const why = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      o.log.warn({ jobId: job.id, err: why }, 'job dropped: invalid payload');
      return { dropped: why };
    }
    const data = parsed.data;
    const { portalId, kind } = data;
    const lock = await o.shared.lockPortal(portalId);
    if (!lock) {
      await send(data, BUSY_RETRY_SECONDS);
      o.log.info({ portalId, job: kind, jobId: job.id }, 'job deferred: portal busy');
      return { deferred: true };
    }
    const controller = new AbortController();
    running.add(controller);
    if (stopped) controller.abort();
    const startedAt = now();
    const slice = setTimeout(() => {
      controller.abort();
    }, sliceMs);
    let cycle: CycleState = {
      state: 'running',
      step: null,
      startedAt: iso(startedAt),
      finishedAt: null,
      error: null,
    };
    // Step updates are written in order, and the final state after them.
    let writes = setCycle(portalId, cycle);
    o.log.info({ portalId, job: kind, jobId: job.id }, 'job started');
    try {
      await o.handler({
        portalId,
        kind,
        signal: controller.signal,
        step: (step) => {
          o.log.info({ portalId, job: kind, jobId: job.id, step }, 'job step');
          cycle = { ...cycle, step };
          const c = cycle;
          writes = writes.then(() => setCycle(portalId, c));
        },
        ...(data.continuesFrom === undefined ? {} : { continuesFrom: data.continuesFrom }),
      });
      cycle = { ...cycle, state: 'succeeded', finishedAt: iso(now()) };
      o.log.info({ portalId, job: kind, jobId: job.id }, 'job finished');
      return {};
    } catch (e) {
      if (e instanceof CycleStopped) {
        // The checkpoint holds the progress: queue the rest (behind other portals' work).
        await send({ portalId, kind: e.resume, continuesFrom: data.continuesFrom ?? startedAt });
        o.log.info(
          { portalId, job: kind, jobId: job.id, continuesAs: e.resume },
          'job stopped; continuation queued',
        );
        return { continued: e.resume };
      }
      cycle = { ...cycle, state: 'failed', finishedAt: iso(now()), error: message(e) };
      o.log.warn({ portalId, job: kind, jobId: job.id, err: message(e) }, 'job failed');
      o.onError?.(portalId, kind, e);
      if (o.permanent?.(e) === true) return { failed: message(e) };
      throw e; // pg-boss retries it with backoff, then dead-letters it
    } finally {
      clearTimeout(slice);
      running.delete(controller);
      const c = cycle;
      await writes.then(() => (c.state === 'running' ? undefined : setCycle(portalId, c)));
      await lock.release();
    }
  };

  if (o.work) {
    const workers = Math.max(1, o.parallelPortals ?? 2);
    const pollingIntervalSeconds = Math.min(2, Math.max(0.5, sliceSeconds / 10));
    // pg-boss 10 runs one batch per work() call at a time: one call per parallel job.
    for (let i = 0; i < workers; i++)
      await boss.work(JOB_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async (jobs) => {
        const [job] = jobs;
        return job === undefined ? {} : runJob(job);
      });
  }

  const idleOnce = async (): Promise<boolean> => {
    await Promise.all([...sending]);
    // Queued (created, retry) and active jobs: `before: completed` counts all three.
    return (await boss.getQueueSize(JOB_QUEUE, { before: 'completed' })) === 0;
  };

  return {
    enqueue(portalId, kind) {
      if (stopped) return false;
      const parsed = JobData.safeParse({ portalId, kind });
      if (!parsed.success)
        throw new Error(
          `enqueue: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      const data = parsed.data;
      const p = send(data).catch((e: unknown) => {
        o.log.warn({ portalId, job: kind, err: message(e) }, 'enqueue failed');
        return null;
      });
      track(p);
      return true;
    },
    lastCycle: (portalId) => o.shared.cycles.get(portalId),
    async sent() {
      await Promise.allSettled([...sending]);
    },
    async idle() {
      while (!(await idleOnce())) await new Promise((resolve) => setTimeout(resolve, 250));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const c of running) c.abort();
      await Promise.all([...sending]);
      // Graceful: waits for the running jobs, which stop after their page and queue the rest.
      await boss.stop({ graceful: true, wait: true, timeout: 3 * sliceMs });
    },
  };
}
