// Each portal's last job cycle in PostgreSQL: the worker that runs a job writes it, any web
// process reads it for the status page (ADR 0006). The shape restates the shared contract's
// CycleState (store/ does not import the API contract; the composition root checks they agree).

import type pg from 'pg';

export interface StoredCycle {
  readonly state: 'running' | 'succeeded' | 'failed';
  readonly step: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly error: string | null;
}

export interface CycleStates {
  get(portalId: number): Promise<StoredCycle | null>;
  set(portalId: number, cycle: StoredCycle): Promise<void>;
}

const STATES = new Set(['running', 'succeeded', 'failed']);

export function postgresCycleStates(pool: pg.Pool, now: () => number = Date.now): CycleStates {
  return {
    async get(portalId) {
      const { rows } = await pool.query<{
        state: string;
        step: string | null;
        started_at: string;
        finished_at: string | null;
        error: string | null;
      }>(
        'select state, step, started_at, finished_at, error from job_cycles where portal_id = $1',
        [portalId],
      );
      const r = rows[0];
      if (r === undefined) return null;
      if (!STATES.has(r.state)) throw new Error(`job_cycles.state: unknown value "${r.state}"`);
      return {
        state: r.state as StoredCycle['state'],
        step: r.step,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        error: r.error,
      };
    },
    async set(portalId, c) {
      await pool.query(
        `insert into job_cycles (portal_id, state, step, started_at, finished_at, error, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (portal_id) do update set state = excluded.state, step = excluded.step,
           started_at = excluded.started_at, finished_at = excluded.finished_at,
           error = excluded.error, updated_at = excluded.updated_at`,
        [portalId, c.state, c.step, c.startedAt, c.finishedAt, c.error, now()],
      );
    },
  };
}
