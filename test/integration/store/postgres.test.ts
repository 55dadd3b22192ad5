// The contract against PostgreSQL. Each store gets its own schema (test_<random>), dropped
// afterwards, so parallel test files and reruns never collide. Without a reachable server the
// suite is skipped with a message, except under CI where that is a failure.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresStore, openStore } from '../../../src/store/index.js';
import { runStoreContract } from './contract.js';

const URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 2000 });
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

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

const unreachable = await probe();
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
if (unreachable !== undefined) {
  console.warn(
    `PostgreSQL store tests skipped: cannot reach ${URL} (${unreachable}). Set TEST_DATABASE_URL.`,
  );
}

describe.runIf(unreachable !== undefined && inCi)('PostgreSQL in CI', () => {
  it('is reachable (CI must run the PostgreSQL contract)', () => {
    expect.fail(`cannot reach ${URL}: ${unreachable ?? ''}`);
  });
});

describe.skipIf(unreachable !== undefined)('PostgreSQL', () => {
  runStoreContract({
    name: 'PostgreSQL, fresh schema',
    async open(options) {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      const store = await openPostgresStore(URL, { ...options, schema });
      return {
        store,
        reopen: () => openPostgresStore(URL, { ...options, schema }),
        async dispose() {
          await store.close();
          await dropSchema(schema);
        },
      };
    },
  });

  it('opens PostgreSQL for a postgres:// URL', async () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    // openStore has no schema option; prove the dialect choice with a search_path in the URL.
    const url = `${URL}${URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const client = new pg.Client({ connectionString: URL });
    await client.connect();
    await client.query(`create schema "${schema}"`);
    await client.end();
    try {
      const store = await openStore(url.replace(/^postgres:/, 'postgresql:'));
      expect(store.dialect).toBe('postgres');
      expect((await store.migrations()).pending).toEqual([]);
      await store.close();
    } finally {
      await dropSchema(schema);
    }
  });
});
