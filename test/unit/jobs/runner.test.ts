import { describe, expect, it } from 'vitest';
import { createJobRunner, type JobContext, type JobKind } from '../../../src/jobs/runner.js';
import { localHour, startSchedule } from '../../../src/jobs/schedule.js';

/** A handler whose jobs finish when the test says so, recording what ran and what overlapped. */
function controlled() {
  const started: { portalId: number; kind: JobKind }[] = [];
  const running = new Map<number, number>();
  let overlaps = 0;
  const gates: (() => void)[] = [];
  const handler = async (job: JobContext) => {
    started.push({ portalId: job.portalId, kind: job.kind });
    const n = (running.get(job.portalId) ?? 0) + 1;
    running.set(job.portalId, n);
    if (n > 1) overlaps++;
    await new Promise<void>((resolve) => gates.push(resolve));
    running.set(job.portalId, (running.get(job.portalId) ?? 1) - 1);
    if (job.portalId === 13) throw new Error('portal 13 is broken');
  };
  const release = async () => {
    while (gates.length > 0) {
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { handler, started, release, overlaps: () => overlaps };
}

describe('job runner', () => {
  it('runs one job per portal at a time and coalesces covered jobs', async () => {
    const c = controlled();
    const runner = createJobRunner({ handler: c.handler, parallelPortals: 4 });
    expect(runner.enqueue(1, 'sync')).toBe(true); // starts at once
    expect(runner.enqueue(1, 'recompute')).toBe(true); // queued behind it
    expect(runner.enqueue(1, 'writeback')).toBe(false); // covered by the queued recompute
    expect(runner.enqueue(1, 'recompute')).toBe(false);
    expect(runner.enqueue(1, 'reconcile')).toBe(true); // replaces the queued recompute
    for (let i = 0; i < 1000; i++) runner.enqueue(1, 'sync'); // a webhook storm: absorbed
    await c.release();
    await c.release();
    await runner.idle();
    expect(c.started.map((s) => s.kind)).toEqual(['sync', 'reconcile']);
    expect(c.overlaps()).toBe(0);
    expect(runner.lastCycle(1)?.state).toBe('succeeded');
  });

  it('one portal failing never stops another', async () => {
    const c = controlled();
    const errors: number[] = [];
    const runner = createJobRunner({
      handler: c.handler,
      parallelPortals: 1,
      onError: (portalId) => errors.push(portalId),
    });
    runner.enqueue(13, 'sync');
    runner.enqueue(14, 'sync');
    await c.release();
    await c.release();
    await runner.idle();
    expect(c.started.map((s) => s.portalId)).toEqual([13, 14]);
    expect(errors).toEqual([13]);
    expect(runner.lastCycle(13)).toMatchObject({ state: 'failed', error: 'portal 13 is broken' });
    expect(runner.lastCycle(14)?.state).toBe('succeeded');
  });

  it('stop aborts the running job and refuses new ones', async () => {
    let sawAbort = false;
    const runner = createJobRunner({
      handler: (job) =>
        new Promise<void>((resolve) => {
          job.signal.addEventListener('abort', () => {
            sawAbort = true;
            resolve();
          });
        }),
    });
    runner.enqueue(1, 'sync');
    await runner.stop();
    expect(sawAbort).toBe(true);
    expect(runner.enqueue(1, 'sync')).toBe(false);
  });
});

describe('schedule', () => {
  const settings = (incrementalMinutes: number, nightlyReconcileHour: number) => ({
    get: () =>
      Promise.resolve({
        version: 0,
        updatedAt: null,
        settings: { schedule: { incrementalMinutes, nightlyReconcileHour } },
      }),
  });
  const portals = {
    list: () => Promise.resolve([5]),
    timeZone: () => Promise.resolve('Europe/Berlin'),
  };

  it('enqueues a sync every incrementalMinutes and a reconcile at the local hour', async () => {
    const queued: JobKind[] = [];
    const schedule = startSchedule({
      portals,
      settings: settings(15, 3) as never,
      runner: { enqueue: (_id, kind) => queued.push(kind) > 0 },
      log: { warn: () => undefined },
      cron: false,
    });
    const t0 = Date.parse('2026-06-01T10:00:00Z'); // 12:00 in Berlin
    await schedule.tick(t0);
    await schedule.tick(t0 + 5 * 60_000);
    await schedule.tick(t0 + 15 * 60_000);
    const night = Date.parse('2026-06-02T01:10:00Z'); // 03:10 in Berlin
    await schedule.tick(night);
    await schedule.tick(night + 60_000);
    expect(queued).toEqual(['sync', 'sync', 'reconcile']);
    schedule.stop();
  });

  it('reads hours in the portal time zone', () => {
    expect(localHour(Date.parse('2026-01-01T23:30:00Z'), 'Asia/Tokyo')).toBe(8);
    expect(localHour(Date.parse('2026-01-01T23:30:00Z'), 'Not/AZone')).toBe(23);
  });
});
