// A portal's rate window in PostgreSQL, shared by every worker process (ADR 0006). It has the
// shape of the budget's WindowState (src/hubspot/budget.ts; store/ and hubspot/ do not import each
// other, so the shape is restated here and checked where the composition root joins them).
//
// take() is atomic across processes: one implicit transaction locks the window's row, drops
// expired calls, counts the live ones and inserts the new call only below the maximum, in one
// round trip. Times are kept on the database's clock, so workers on machines whose clocks differ
// still agree on when a call stops counting; each instance converts to its caller's clock with
// the offset it measured on its last take. An in-flight call holds a lease (LEASE_MS) instead of
// counting forever, so the calls of a killed worker stop counting on their own.

import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export type WindowName = 'burst' | 'search';

export interface SharedWindow {
  take(now: number, max: number): Promise<{ slot: number } | { retryAt: number | undefined }>;
  release(slot: number, until: number): Promise<void>;
  /** Calls counted by every worker as of this instance's last round trip. */
  count(now: number): number;
}

/** An in-flight call counts at most this long: past the client's 60 s timeout plus a window. */
export const LEASE_MS = 120_000;
/** With only in-flight calls (no expiry known), look again this soon: they complete elsewhere. */
export const POLL_MS = 100;

const DB_NOW = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

const int = (n: number, field: string): string => {
  if (!Number.isSafeInteger(n))
    throw new Error(`rate window: ${field} must be an integer, got ${n}`);
  return String(n);
};

export function postgresWindow(pool: pg.Pool, portalId: number, name: WindowName): SharedWindow {
  const p = int(portalId, 'portalId');
  const slots = new Map<number, string>();
  let nextSlot = 0;
  let offset = 0; // database clock − caller clock, ms
  let counted = 0;

  return {
    async take(now, max) {
      const slot = randomUUID();
      // Literals only (integers checked above, a fixed window name, our own UUID): a parameterless
      // multi-statement query runs as one implicit transaction in a single round trip.
      const results = (await pool.query(`
        insert into rate_windows (portal_id, window_name) values (${p}, '${name}') on conflict do nothing;
        select 1 from rate_windows where portal_id = ${p} and window_name = '${name}' for update;
        delete from rate_window_calls
          where portal_id = ${p} and window_name = '${name}' and expires_at <= ${DB_NOW};
        with live as (
          select count(*)::int as n, min(expires_at) filter (where in_flight = 0) as first
          from rate_window_calls where portal_id = ${p} and window_name = '${name}'
        ), added as (
          insert into rate_window_calls (portal_id, window_name, slot, expires_at, in_flight)
          select ${p}, '${name}', '${slot}', ${DB_NOW} + ${LEASE_MS}, 1 from live
          where n < ${int(Math.max(0, max), 'max')}
          returning 1
        )
        select n, first::float8 as first, (select count(*)::int from added) as took,
          ${DB_NOW}::float8 as db_now
        from live;
      `)) as unknown as pg.QueryResult[];
      const row = results[results.length - 1]?.rows[0] as
        { n: number; first: number | null; took: number; db_now: number } | undefined;
      if (!row) throw new Error('rate window: no answer from the take query');
      offset = row.db_now - now;
      counted = row.n + row.took;
      if (row.took === 1) {
        const local = nextSlot++;
        slots.set(local, slot);
        return { slot: local };
      }
      const retryAt = row.first === null ? now + POLL_MS : Math.min(row.first - offset, now + 1000);
      return { retryAt };
    },
    async release(local, until) {
      const slot = slots.get(local);
      if (slot === undefined) return;
      slots.delete(local);
      await pool.query(
        `update rate_window_calls set expires_at = $4, in_flight = 0
         where portal_id = $1 and window_name = $2 and slot = $3`,
        [portalId, name, slot, Math.round(until + offset)],
      );
    },
    count: () => counted,
  };
}
