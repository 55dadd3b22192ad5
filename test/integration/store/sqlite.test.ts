import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canonicalJson,
  contentHash,
  openSqliteStore,
  openStore,
  StoreError,
} from '../../../src/store/index.js';
import { runStoreContract } from './contract.js';

runStoreContract({
  name: 'SQLite, temporary file',
  async open(options) {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    const path = join(dir, 'nested', 'attribution.db');
    const store = await openSqliteStore(path, options);
    return {
      store,
      reopen: () => openSqliteStore(path, options),
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});

runStoreContract({
  name: 'SQLite, in memory',
  async open(options) {
    const store = await openStore('sqlite::memory:', options);
    return { store, dispose: () => store.close() };
  },
});

describe('openStore', () => {
  it('opens SQLite for a sqlite: URL', async () => {
    const store = await openStore('sqlite::memory:');
    expect(store.dialect).toBe('sqlite');
    await store.close();
  });

  it('rejects an unsupported DATABASE_URL, naming the variable', async () => {
    const e: unknown = await openStore('mysql://localhost/x').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreError);
    expect((e as StoreError).field).toBe('DATABASE_URL');
    await expect(openStore('sqlite:')).rejects.toThrow(/needs a path/);
  });

  it('uses WAL on a file database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-wal-'));
    const store = await openSqliteStore(join(dir, 'a.db'));
    await store.close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(join(dir, 'a.db'));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

// Pure, but kept beside the store it serves (no unit file is assigned to the store yet).
describe('contentHash', () => {
  it('ignores object key order at every depth', () => {
    const a = { b: 1, a: { y: [1, { q: null, p: 'x' }], x: true } };
    const b = { a: { x: true, y: [1, { p: 'x', q: null }] }, b: 1 };
    expect(contentHash(a)).toBe(contentHash(b));
    expect(canonicalJson(b)).toBe('{"a":{"x":true,"y":[1,{"p":"x","q":null}]},"b":1}');
  });

  it('distinguishes array order, null from absent, and value types', () => {
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
    expect(contentHash({ a: null })).not.toBe(contentHash({}));
    expect(contentHash({ a: '1' })).not.toBe(contentHash({ a: 1 }));
    expect(contentHash({ a: undefined })).toBe(contentHash({}));
    expect(contentHash(JSON.parse('{"__proto__":1}'))).not.toBe(contentHash({}));
  });

  it('is a sha256 hex digest', () => {
    // sha256("{}"), computed independently (e.g. `printf '{}' | sha256sum`).
    expect(contentHash({})).toBe(
      '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    );
  });

  it('refuses values JSON cannot represent faithfully', () => {
    expect(() => contentHash({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => contentHash(undefined)).toThrow(TypeError);
  });

  it('hashes equal JSON values equally, whatever their key insertion order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const reversed: unknown = JSON.parse(JSON.stringify(v), (_k, x: unknown) =>
          x !== null && typeof x === 'object' && !Array.isArray(x)
            ? Object.fromEntries(Object.entries(x).reverse())
            : x,
        );
        expect(contentHash(reversed)).toBe(contentHash(v));
      }),
    );
  });
});
