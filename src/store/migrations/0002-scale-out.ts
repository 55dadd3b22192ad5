// Shared state for scale-out (ADR 0006): the calls each portal's rate windows count, and each
// portal's last job cycle, so that every worker process sees the same budget and the status page
// sees the cycle whichever worker ran it. Both tables exist in both dialects (one migration list);
// only the PostgreSQL implementations read them — the embedded mode keeps this state in memory.
// Keys begin with portal_id like every other table (shardable by portal).

import type { Kysely, Migration } from 'kysely';

export function scaleOut(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // One row per (portal, window): the row every take locks, so concurrent takes serialise.
      await db.schema
        .createTable('rate_windows')
        .addColumn('portal_id', 'bigint', (c) => c.notNull())
        .addColumn('window_name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_windows_pk', ['portal_id', 'window_name'])
        .execute();
      // One row per counted call: it counts until expires_at (database clock, ms). In flight it
      // holds a lease that outlives any request, so a killed worker's calls still expire.
      await db.schema
        .createTable('rate_window_calls')
        .addColumn('portal_id', 'bigint', (c) => c.notNull())
        .addColumn('window_name', 'text', (c) => c.notNull())
        .addColumn('slot', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('in_flight', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_window_calls_pk', ['portal_id', 'window_name', 'slot'])
        .execute();
      await db.schema
        .createIndex('rate_window_calls_expiry')
        .on('rate_window_calls')
        .columns(['portal_id', 'window_name', 'expires_at'])
        .execute();

      await db.schema
        .createTable('job_cycles')
        .addColumn('portal_id', 'bigint', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('step', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('error', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
