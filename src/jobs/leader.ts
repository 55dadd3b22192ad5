// One scheduler among many processes (ADR 0006): every worker runs the node-cron tick, but only
// the process holding the scheduler's advisory lock enqueues. The lock is a session lock, so when
// the leader dies PostgreSQL frees it and the next tick of another process takes over. A new
// leader ticks at once: its per-portal memory of the last sync is empty, so it queues a sync for
// every portal — the queue absorbs what is already queued, and an incremental sync is cheap.

import cron from 'node-cron';
import type { JobLogger } from './logger.js';
import type { Schedule } from './schedule.js';

export interface LeaderLock {
  release(): Promise<void>;
}

export interface ElectedScheduleOptions {
  /** The tick (cron off: this module drives it). */
  readonly schedule: Schedule;
  /** Takes the leader lock if free; `onLost` runs if its connection drops later. */
  readonly tryLead: (onLost: () => void) => Promise<LeaderLock | undefined>;
  readonly log: JobLogger;
  readonly tickCron?: string;
}

export interface ElectedSchedule {
  /** One election attempt and, when leading, one tick (the cron task calls the same). */
  tick(): Promise<void>;
  readonly leading: () => boolean;
  stop(): Promise<void>;
}

export function startElectedSchedule(o: ElectedScheduleOptions): ElectedSchedule {
  let lock: LeaderLock | undefined;
  let busy: Promise<void> | undefined;
  let stopped = false;

  const once = async () => {
    if (stopped) return;
    if (!lock) {
      lock = await o.tryLead(() => {
        lock = undefined;
        o.log.warn({}, 'scheduler leadership lost (connection dropped)');
      });
      if (!lock) return;
      o.log.info({ pid: process.pid }, 'scheduler leader elected');
    }
    await o.schedule.tick();
  };

  // Ticks never overlap: a slow tick makes the next one skip.
  const tick = (): Promise<void> => {
    busy ??= once()
      .catch((e: unknown) => {
        o.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'scheduler tick failed');
      })
      .finally(() => {
        busy = undefined;
      });
    return busy;
  };

  const task = cron.schedule(o.tickCron ?? '* * * * *', () => {
    void tick();
  });
  void tick();
  return {
    tick,
    leading: () => lock !== undefined,
    async stop() {
      stopped = true;
      void task.stop();
      await busy;
      await lock?.release();
      lock = undefined;
    },
  };
}
