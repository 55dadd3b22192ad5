// What worker processes share besides the store (ADR 0006): each portal's rate windows, each
// portal's last cycle, and the advisory locks. Its own small pool on the store's database and
// schema (DATABASE_URL, search_path included); the store's migrations create the tables.

import pg from 'pg';
import { postgresCycleStates, type CycleStates } from './cycle-state.js';
import { tryPortalJobLock, trySchedulerLock, type HeldLock } from './locks.js';
import { postgresWindow, type SharedWindow } from './rate-window.js';

export interface SharedState {
  /** The schema the store lives in (the connection's current schema). */
  readonly schema: string;
  readonly cycles: CycleStates;
  /** A portal's burst and search windows, shared by every process. */
  windows(portalId: number): { readonly burst: SharedWindow; readonly search: SharedWindow };
  lockPortal(portalId: number, onLost?: () => void): Promise<HeldLock | undefined>;
  lockScheduler(onLost: () => void): Promise<HeldLock | undefined>;
  close(): Promise<void>;
}

export async function openSharedState(
  connectionString: string,
  options: { readonly maxConnections?: number } = {},
): Promise<SharedState> {
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 4 });
  // An idle pooled connection can drop (server restart); the next query reconnects.
  pool.on('error', () => undefined);
  let schema: string;
  try {
    const { rows } = await pool.query<{ s: string | null }>('select current_schema() as s');
    const s = rows[0]?.s;
    if (s === null || s === undefined) throw new Error('no current schema (empty search_path?)');
    schema = s;
  } catch (e) {
    await pool.end();
    throw new Error('cannot open the shared job state in PostgreSQL', { cause: e });
  }
  return {
    schema,
    cycles: postgresCycleStates(pool),
    windows: (portalId) => ({
      burst: postgresWindow(pool, portalId, 'burst'),
      search: postgresWindow(pool, portalId, 'search'),
    }),
    lockPortal: (portalId, onLost) => tryPortalJobLock(connectionString, portalId, onLost),
    lockScheduler: (onLost) => trySchedulerLock(connectionString, onLost),
    close: () => pool.end(),
  };
}
