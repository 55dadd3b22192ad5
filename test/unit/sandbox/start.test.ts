// `npm start` goes through the development entry (sandbox/dev.ts): without credentials it runs the
// product's `start` against a local sandbox portal; the product alone refuses to run without them.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEV_COMMANDS,
  sandboxConfig,
  sandboxStore,
  splitSandboxOptions,
} from '../../../sandbox/cli/index.js';
import { COMMANDS, startApp, UsageError } from '../../../src/cli/index.js';
import { loadConfig, type Config } from '../../../src/config.js';

const config = (env: Record<string, string>): Config => {
  const r = loadConfig(env);
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.config;
};

const silent = { stdout: () => undefined, stderr: () => undefined, isTTY: false };

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

describe('npm start: the product pointed at the sandbox', () => {
  it('takes the sandbox’s base URL, token and secret as a private-app portal', () => {
    const c = sandboxConfig(config({ LOG_LEVEL: 'warn' }), {
      baseUrl: 'http://127.0.0.1:4010',
      accessToken: 'sandbox-token',
      clientSecret: 'sandbox-secret',
    });
    expect(c).toMatchObject({
      mode: 'private-app',
      HUBSPOT_BASE_URL: 'http://127.0.0.1:4010',
      HUBSPOT_ACCESS_TOKEN: 'sandbox-token',
      HUBSPOT_CLIENT_SECRET: 'sandbox-secret',
      LOG_LEVEL: 'warn',
    });
  });

  it('keeps the sandbox’s own options and passes the rest to the product', () => {
    expect(splitSandboxOptions(['--once', '--scale', 'tiny', '--seed=4', '--role', 'all'])).toEqual(
      { scale: 'tiny', seed: 4, rest: ['--once', '--role', 'all'] },
    );
    expect(() => splitSandboxOptions(['--scale', 'huge'])).toThrow(/--scale/);
  });

  it('the product alone refuses to start without credentials, naming what to set', async () => {
    await expect(startApp(['--once'], silent, { config: config({}) })).rejects.toThrow(UsageError);
    await expect(startApp(['--once'], silent, { config: config({}) })).rejects.toThrow(
      /HUBSPOT_ACCESS_TOKEN/,
    );
  });

  it('only the development command line has the sandbox command', () => {
    expect(COMMANDS.map((c) => c.name)).not.toContain('sandbox');
    expect(DEV_COMMANDS.map((c) => c.name)).toEqual([
      ...COMMANDS.map((c) => c.name).flatMap((n) => (n === 'evaluate' ? [n, 'sandbox'] : [n])),
    ]);
  });
});
