// PostgreSQL store (scale-out): a pg pool behind Kysely. BIGINT columns hold ms timestamps and
// portal ids, all below 2^53, so they are parsed to numbers for this pool only (pg's default is
// strings and changing it globally would affect other pg users in the process).

import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import { StoreError } from '../errors.js';
import { migrateToLatest } from '../migrations/index.js';
import { createStore } from '../queries/index.js';
import { toJsonb } from '../queries/context.js';
import type { Database as Schema } from '../schema.js';
import type { Store, StoreOptions } from '../store.js';

export interface PostgresOptions extends StoreOptions {
  /** Use (and create) this schema instead of the connection's default; tests use one per run. */
  readonly schema?: string;
  readonly maxConnections?: number;
}

export async function openPostgresStore(
  connectionString: string,
  options: PostgresOptions = {},
): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StoreError(`invalid schema name "${schema}"`, {
      code: 'invalid_input',
      field: 'schema',
    });
  }
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    types,
  });
  const db = new Kysely<Schema>({
    dialect: new PostgresDialect({
      pool,
      // Set per connection before first use, so every pooled connection sees only this schema.
      ...(schema === undefined
        ? {}
        : {
            onCreateConnection: async (conn) => {
              await conn.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`));
            },
          }),
    }),
  });
  let migrationSchema: string | undefined;
  try {
    if (schema !== undefined) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    const current = await sql<{ s: string }>`select current_schema() as s`.execute(db);
    migrationSchema = current.rows[0]?.s;
    if (migrationSchema === undefined) throw new Error('no current schema (empty search_path?)');
    await migrateToLatest(db, 'postgres', migrationSchema);
  } catch (e) {
    await db.destroy();
    throw e instanceof StoreError
      ? e
      : new StoreError('cannot open PostgreSQL store', { cause: e });
  }
  return createStore(
    {
      db,
      dialect: 'postgres',
      writeJson: toJsonb,
      readJson: (raw) => raw,
      afterInsert: analyzeAfterGrowth(db),
      now: options.now ?? Date.now,
      migrationSchema,
    },
    () => db.destroy(),
  );
}

/**
 * ANALYZE a table once it has grown by a fifth (at least 10,000 rows) since this process last
 * did. A first full sync loads rows faster than autoanalyze reacts (or autovacuum is off, as on
 * the test server); with the empty-table statistics PostgreSQL answered each page's `id IN (…)`
 * lookup by scanning every row of the type: measured 200+ ms per 100-id page at 100k contacts.
 */
function analyzeAfterGrowth(db: Kysely<Schema>): (table: 'records', rows: number) => Promise<void> {
  let pending = 0;
  let analyzedRows = 0;
  return async (table, rows) => {
    pending += rows;
    if (pending < Math.max(10_000, analyzedRows / 5)) return;
    analyzedRows += pending;
    pending = 0;
    await sql`analyze ${sql.table(table)}`.execute(db);
  };
}
