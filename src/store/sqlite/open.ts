// SQLite store (embedded default): better-sqlite3 in WAL mode, so readers (the card API) never
// block behind the sync's page transactions. `:memory:` is for tests.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import { StoreError } from '../errors.js';
import { migrateToLatest } from '../migrations/index.js';
import { createStore } from '../queries/index.js';
import { parseJsonText, toJson } from '../queries/context.js';
import type { Database as Schema } from '../schema.js';
import type { Store, StoreOptions } from '../store.js';

export const DEFAULT_SQLITE_PATH = './data/attribution.db';

export async function openSqliteStore(
  path: string = DEFAULT_SQLITE_PATH,
  options: StoreOptions = {},
): Promise<Store> {
  let sqlite: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    // WAL + NORMAL is durable across application crashes; only an OS crash can lose the last commit.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    // A 1M-record portal's indexes are far past SQLite's default 2 MB page cache: 64 MB keeps a
    // recompute's and a sync's inserts from re-reading B-tree pages from the file.
    sqlite.pragma('cache_size = -65536');
  } catch (e) {
    throw new StoreError(`cannot open SQLite database at ${path}`, { cause: e });
  }
  const db = new Kysely<Schema>({
    dialect: new ImmediateSqliteDialect({ database: cachingStatements(sqlite) }),
  });
  try {
    await migrateToLatest(db, 'sqlite');
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return createStore(
    {
      db,
      dialect: 'sqlite',
      writeJson: toJson,
      readJson: parseJsonText,
      now: options.now ?? Date.now,
    },
    () => db.destroy(),
  );
}

/** Prepared statements kept per SQL text, most recent STATEMENT_CACHE. */
const STATEMENT_CACHE = 256;

/**
 * Kysely prepares every query anew; a recompute or a sync page runs the same few statements
 * thousands of times (preparing them was ≈ 2 % of a 1M-record portal's recompute). A statement
 * still running (an open iterator) is never handed out twice: a fresh one is prepared instead.
 */
function cachingStatements(sqlite: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit !== undefined && !hit.busy) {
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = sqlite.prepare(sql);
      if (hit === undefined) {
        cache.set(sql, stmt);
        if (cache.size > STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
  };
}

/**
 * Transactions start with BEGIN IMMEDIATE. Kysely's plain BEGIN is deferred: a transaction that
 * reads and then writes fails at once with SQLITE_BUSY (no busy wait) when another process — the
 * CLI syncing while the server runs — committed in between. IMMEDIATE takes the write lock
 * up front and waits up to busy_timeout for it instead. WAL readers are never blocked.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
