// The schedule: a node-cron tick every minute that only enqueues. Each portal's settings say how
// often it syncs (incrementalMinutes) and at which local hour it reconciles (a full re-list);
// the runner turns the queued jobs into work, one portal at a time per portal.

import cron from 'node-cron';
import type { Portals, SettingsService } from '../usecases/index.js';
import type { JobLogger } from './logger.js';
import type { JobRunner } from './runner.js';

export interface Schedule {
  /** One tick now (tests; the cron task calls the same). */
  tick(now?: number): Promise<void>;
  stop(): void;
}

export interface ScheduleOptions {
  readonly portals: Pick<Portals, 'list' | 'timeZone'>;
  readonly settings: Pick<SettingsService, 'get'>;
  readonly runner: Pick<JobRunner, 'enqueue'>;
  readonly log: Pick<JobLogger, 'warn'>;
  /** The cron expression of the tick (default every minute). */
  readonly tickCron?: string;
  /** false: no cron task, ticks only when called (tests). */
  readonly cron?: boolean;
}

const HOUR_MS = 3_600_000;

/** The hour (0–23) at `now` in `timeZone`; UTC when the zone is unknown. */
export function localHour(now: number, timeZone: string): number {
  try {
    return Number(
      new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone }).format(now),
    );
  } catch {
    return new Date(now).getUTCHours();
  }
}

export function startSchedule(o: ScheduleOptions): Schedule {
  const lastSync = new Map<number, number>();
  const lastReconcile = new Map<number, number>();

  const tick = async (now = Date.now()) => {
    for (const portalId of await o.portals.list()) {
      try {
        const [{ settings }, timeZone] = await Promise.all([
          o.settings.get(portalId),
          o.portals.timeZone(portalId),
        ]);
        const { incrementalMinutes, nightlyReconcileHour } = settings.schedule;
        const reconciled = lastReconcile.get(portalId) ?? 0;
        if (localHour(now, timeZone) === nightlyReconcileHour && now - reconciled > 2 * HOUR_MS) {
          o.runner.enqueue(portalId, 'reconcile');
          lastReconcile.set(portalId, now);
          lastSync.set(portalId, now);
        } else if (now - (lastSync.get(portalId) ?? 0) >= incrementalMinutes * 60_000) {
          o.runner.enqueue(portalId, 'sync');
          lastSync.set(portalId, now);
        }
      } catch (e) {
        // One portal's unreadable settings never stop the others' schedule.
        o.log.warn({ portalId, err: e instanceof Error ? e.message : e }, 'schedule tick failed');
      }
    }
  };

  const task =
    o.cron === false
      ? undefined
      : cron.schedule(o.tickCron ?? '* * * * *', () => {
          void tick();
        });
  return {
    tick,
    stop: () => {
      void task?.stop();
    },
  };
}
