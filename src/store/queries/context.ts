// What the shared queries need from a dialect: the Kysely instance, how JSON comes back, a clock.
// Everything else (upserts via ON CONFLICT, RETURNING, keyset paging) is the same SQL on both.

import type { Kysely } from 'kysely';
import type { DialectName } from '../migrations/index.js';
import type { Database } from '../schema.js';
import { StoreError } from '../errors.js';

export interface QueryContext {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Value → JSON text for a JSON column. */
  readonly writeJson: (value: unknown) => string;
  /** SQLite returns JSON columns as text, PostgreSQL (jsonb) as parsed values. */
  readonly readJson: (raw: unknown) => unknown;
  readonly now: () => number;
  /** Told after each committed page how many rows it inserted (PostgreSQL: keeps stats fresh). */
  readonly afterInsert?: (table: 'records', rows: number) => Promise<void>;
  /** PostgreSQL: the schema holding Kysely's migration table (see migrations/index.ts). */
  readonly migrationSchema?: string;
}

export const toJson = (value: unknown): string => JSON.stringify(value);

// A JSON escape \u0000 preceded by an even run of backslashes (so not an escaped "\\u0000").
const NUL_ESCAPE = /(?<!\\)((?:\\\\)*)\\u0000/g;

/**
 * PostgreSQL jsonb cannot hold U+0000 (it rejects the statement); a NUL inside a HubSpot note
 * must not fail a whole sync page, so it is stored as U+FFFD. Hashes use the original value.
 */
export const toJsonb = (value: unknown): string =>
  JSON.stringify(value).replace(NUL_ESCAPE, '$1\\ufffd');

export function parseJsonText(raw: unknown): unknown {
  if (typeof raw !== 'string') {
    throw new StoreError(`expected JSON text, got ${typeof raw}`, { code: 'corrupt_data' });
  }
  const parsed: unknown = JSON.parse(raw);
  return parsed;
}

/** Rows per INSERT statement: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
export const INSERT_CHUNK = 200;
/** Ids per IN (…) list. */
export const IN_CHUNK = 500;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const bool = (v: number): boolean => v !== 0;
