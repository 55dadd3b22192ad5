// Versioned, forward-only migrations defined in code (no file scanning, so bundling and tsx both
// work). One ordered list for both dialects; a migration that needs dialect-specific SQL takes
// the dialect name. Names sort in application order; never rename or edit a shipped migration.

import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { StoreError } from '../errors.js';
import type { Database } from '../schema.js';
import { initial } from './0001-initial.js';
import { scaleOut } from './0002-scale-out.js';
import { evaluations } from './0003-evaluations.js';
import { dealJourneys } from './0004-deal-journeys.js';
import { streamingReadModel } from './0005-streaming-read-model.js';

export type DialectName = 'sqlite' | 'postgres';

export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-initial': initial(dialect),
    '0002-scale-out': scaleOut(),
    '0003-evaluations': evaluations(dialect),
    '0004-deal-journeys': dealJourneys(dialect),
    '0005-streaming-read-model': streamingReadModel(dialect),
  };
}

/**
 * Applies every pending migration; a no-op when up to date. Returns the names applied now.
 * `schema` (PostgreSQL) pins Kysely's bookkeeping tables to the store's schema: otherwise its
 * existence check would see another schema's kysely_migration table and skip creating ours.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: DialectName,
  schema?: string,
): Promise<string[]> {
  const outcome: MigrationResultSet = await migrator(db, dialect, schema).migrateToLatest();
  if (outcome.error !== undefined) {
    const failed = outcome.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreError(`migration ${failed} failed`, { cause: outcome.error });
  }
  return (outcome.results ?? []).map((r) => r.migrationName);
}

export interface MigrationStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
}

export async function migrationStatus(
  db: Kysely<Database>,
  dialect: DialectName,
  schema?: string,
): Promise<MigrationStatus> {
  const infos = await migrator(db, dialect, schema).getMigrations();
  return {
    applied: infos.filter((m) => m.executedAt !== undefined).map((m) => m.name),
    pending: infos.filter((m) => m.executedAt === undefined).map((m) => m.name),
  };
}

function migrator(db: Kysely<Database>, dialect: DialectName, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations(dialect)) },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
}
