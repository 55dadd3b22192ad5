// The contract against PostgreSQL. Each store gets its own schema (test_<random>), dropped
// afterwards, so parallel test files and reruns never collide. Without a reachable server the
// suite is skipped with a message, except under CI where that is a failure.

import { describe, expect, it } from 'vitest';
import { openPostgresStore, openStore } from '../../../src/store/index.js';
import {
  createSchema,
  dropSchema,
  inCi,
  POSTGRES_URL as URL,
  privateSchemaName,
  probePostgres,
  urlWithSchema,
} from '../../support/postgres.js';
import { runStoreContract } from './contract.js';

const unreachable = await probePostgres();
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
      const schema = privateSchemaName();
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
    const schema = privateSchemaName();
    // openStore has no schema option; prove the dialect choice with a search_path in the URL.
    const url = urlWithSchema(schema);
    await createSchema(schema);
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
