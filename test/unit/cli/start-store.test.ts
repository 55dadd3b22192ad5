import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandboxStore } from '../../../src/cli/start.js';
import { loadConfig, type Config } from '../../../src/config.js';

const config = (env: Record<string, string>): Config => {
  const r = loadConfig(env);
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.config;
};

describe('npm start: the sandbox portal gets a fresh store', () => {
  let dir = '';
  let file = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'start-store-'));
    file = join(dir, 'sandbox.db');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('without DATABASE_URL, sandbox mode uses its own file, emptied at every start', () => {
    writeFileSync(file, 'an earlier sandbox');
    writeFileSync(`${file}-wal`, 'its log');
    const c = sandboxStore(config({}), file);
    expect(c.DATABASE_URL).toBe(`sqlite:${file}`);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('leaves an explicit DATABASE_URL and every real portal alone', () => {
    writeFileSync(file, 'keep');
    expect(sandboxStore(config({ DATABASE_URL: 'sqlite:/x.db' }), file).DATABASE_URL).toBe(
      'sqlite:/x.db',
    );
    expect(
      sandboxStore(config({ HUBSPOT_ACCESS_TOKEN: 'pat' }), file).DATABASE_URL,
    ).toBeUndefined();
    expect(existsSync(file)).toBe(true);
  });
});
