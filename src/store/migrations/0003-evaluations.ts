// The latest model evaluation of each portal (issue 11): computed by a worker, read by the web
// role for the settings page. One row per portal — the key is portal_id alone, like every key it
// begins with portal_id (shardable by portal) — replaced by each newer evaluation. No history:
// nothing reads an older evaluation, and a portal's row stays one small JSON document.

import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from './index.js';

export function evaluations(dialect: DialectName): Migration {
  const json = dialect === 'postgres' ? sql`jsonb` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('evaluations')
        .addColumn('portal_id', 'bigint', (c) => c.primaryKey())
        .addColumn('computed_at', 'bigint', (c) => c.notNull())
        .addColumn('settings_version', 'integer', (c) => c.notNull())
        .addColumn('evaluation', json, (c) => c.notNull())
        .addColumn('saved_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
