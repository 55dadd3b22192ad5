// The PostgreSQL server the tests use (127.0.0.1:5432, database `test`, or TEST_DATABASE_URL):
// whether it is reachable, and private schemas so parallel test files and reruns never collide.
// Without a server, suites skip with a message — except under CI, where that is a failure.

import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const inCi =
  process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/** undefined when reachable, else why not. */
export async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** One statement on a connection of its own (schema set-up and inspection in tests). */
export async function pgQuery(text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

export const privateSchemaName = (): string => `test_${randomBytes(6).toString('hex')}`;

export async function dropSchema(schema: string): Promise<void> {
  await pgQuery(`drop schema if exists "${schema}" cascade`);
}

export async function createSchema(schema: string): Promise<void> {
  await pgQuery(`create schema "${schema}"`);
}

/** A DATABASE_URL whose connections work in `schema` (openStore takes only a URL). */
export const urlWithSchema = (schema: string): string =>
  `${POSTGRES_URL}${POSTGRES_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
