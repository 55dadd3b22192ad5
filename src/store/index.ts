// The store's public surface. `openStore` picks the implementation from DATABASE_URL:
// unset → SQLite at ./data/attribution.db; `sqlite:<path>` (`sqlite::memory:`) → SQLite there;
// `postgres://…` / `postgresql://…` → PostgreSQL.

import { StoreError } from './errors.js';
import { openPostgresStore } from './postgres/open.js';
import { DEFAULT_SQLITE_PATH, openSqliteStore } from './sqlite/open.js';
import type { Store, StoreOptions } from './store.js';

export type * from './store.js';
export { HINT_KINDS, RECORD_TYPES } from './store.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { contentHash, canonicalJson } from './hash.js';
// The store's id order (its keyset columns' order), from the kernel, where the sandbox shares it.
export { compareIds } from '../kernel/index.js';
export { openSqliteStore } from './sqlite/open.js';
export { openPostgresStore, type PostgresOptions } from './postgres/open.js';
export { openSharedState, type SharedState } from './postgres/shared-state.js';

export async function openStore(databaseUrl?: string, options: StoreOptions = {}): Promise<Store> {
  if (databaseUrl === undefined || databaseUrl === '') {
    return openSqliteStore(DEFAULT_SQLITE_PATH, options);
  }
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    if (path === '') {
      throw new StoreError('DATABASE_URL: sqlite: needs a path (or :memory:)', {
        code: 'invalid_input',
        field: 'DATABASE_URL',
      });
    }
    return openSqliteStore(path, options);
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return openPostgresStore(databaseUrl, options);
  throw new StoreError(
    'DATABASE_URL: expected sqlite:<path>, postgres://… or postgresql://… (unset for the default SQLite file)',
    { code: 'invalid_input', field: 'DATABASE_URL' },
  );
}
