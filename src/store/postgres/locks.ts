// Session advisory locks (ADR 0006): a portal's job lock, so one portal's jobs never run at the
// same time on any worker, and the scheduler's leader lock, so one process enqueues. A session
// lock lives with its connection: when a worker dies, PostgreSQL closes the connection and the
// lock is free again with no expiry to wait for. Locks live on the node the session talks to
// (the coordinator under Citus), which every worker shares.

import pg from 'pg';

/**
 * The lock namespace (first key) is a hash of the schema and the kind, so deployments (or test
 * runs) sharing a database in different schemas never contend; the second key is the portal id.
 */
const PORTAL_JOB = ':portal-job';
const SCHEDULER = ':scheduler';

export interface HeldLock {
  release(): Promise<void>;
}

async function tryLock(
  connectionString: string,
  ns: string,
  key: number,
  onLost: () => void,
): Promise<HeldLock | undefined> {
  if (!Number.isInteger(key) || key < 0 || key > 2 ** 31 - 1)
    throw new Error(`advisory lock: key must be a 32-bit non-negative integer, got ${key}`);
  const client = new pg.Client({ connectionString });
  // A dropped connection has dropped the lock with it; whoever holds the lock must know.
  client.on('error', onLost);
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>(
      'select pg_try_advisory_lock(hashtext(current_schema() || $1), $2) as ok',
      [ns, key],
    );
    if (rows[0]?.ok !== true) {
      await client.end();
      return undefined;
    }
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      // Closing the session releases every lock it holds.
      await client.end().catch(() => undefined);
    },
  };
}

/** Takes portal `portalId`'s job lock if free (undefined when another session holds it). */
export function tryPortalJobLock(
  connectionString: string,
  portalId: number,
  onLost: () => void = () => undefined,
): Promise<HeldLock | undefined> {
  return tryLock(connectionString, PORTAL_JOB, portalId, onLost);
}

/** Takes the scheduler's leader lock if free. */
export function trySchedulerLock(
  connectionString: string,
  onLost: () => void,
): Promise<HeldLock | undefined> {
  return tryLock(connectionString, SCHEDULER, 0, onLost);
}
