import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../../src/config.js';

const KEY = randomBytes(32);

function ok(env: NodeJS.ProcessEnv): Config {
  const r = loadConfig(env);
  if (!r.ok) throw new Error(`unexpected problems:\n${r.problems.join('\n')}`);
  return r.config;
}

function problems(env: NodeJS.ProcessEnv): readonly string[] {
  const r = loadConfig(env);
  if (r.ok) throw new Error('expected problems, got a config');
  return r.problems;
}

const OAUTH = {
  HUBSPOT_CLIENT_ID: 'cid',
  HUBSPOT_CLIENT_SECRET: 'secret',
  HUBSPOT_REDIRECT_URI: 'https://app.example.com/oauth/callback',
  TOKEN_ENCRYPTION_KEY: KEY.toString('hex'),
};

describe('loadConfig', () => {
  it('is unconfigured, with defaults, when nothing is set', () => {
    const c = ok({});
    expect(c).toMatchObject({
      mode: 'unconfigured',
      PORT: 3000,
      HUBSPOT_BASE_URL: 'https://api.hubapi.com',
      HUBSPOT_AUTHORIZE_BASE_URL: 'https://app.hubspot.com',
      LOG_LEVEL: 'info',
      SYNC_CONCURRENCY: 2,
      SYNC_CRON: '*/15 * * * *',
      RECONCILE_CRON: '0 3 * * *',
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.TOKEN_ENCRYPTION_KEY).toBeUndefined();
  });

  it('ignores variables it does not know and treats empty strings as unset', () => {
    const c = ok({ PATH: '/bin', PORT: '', HUBSPOT_ACCESS_TOKEN: '  ' });
    expect(c.PORT).toBe(3000);
    expect(c.mode).toBe('unconfigured');
  });

  it('lists every problem at once, each naming its variable', () => {
    const list = problems({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://db/x',
      HUBSPOT_BASE_URL: 'ftp://api.example.com',
      LOG_LEVEL: 'loud',
      SYNC_CONCURRENCY: '0',
      SYNC_CRON: '61 * * * *',
      RECONCILE_CRON: 'nightly',
      PUBLIC_URL: 'https://app.example.com/base',
      TOKEN_ENCRYPTION_KEY: 'too-short',
      HUBSPOT_CLIENT_ID: 'cid',
      HUBSPOT_TIER: 'platinum',
    });
    const named = (v: string) => list.filter((p) => p.startsWith(`${v}: `));
    for (const v of [
      'PORT',
      'DATABASE_URL',
      'HUBSPOT_BASE_URL',
      'LOG_LEVEL',
      'SYNC_CONCURRENCY',
      'SYNC_CRON',
      'RECONCILE_CRON',
      'PUBLIC_URL',
      'TOKEN_ENCRYPTION_KEY',
      'HUBSPOT_TIER',
      // OAuth needs its other settings
      'HUBSPOT_CLIENT_SECRET',
      'HUBSPOT_REDIRECT_URI',
    ]) {
      expect(named(v), `${v} in\n${list.join('\n')}`).toHaveLength(1);
    }
    expect(named('HUBSPOT_REDIRECT_URI')[0]).toContain('required when HUBSPOT_CLIENT_ID is set');
  });

  it('reports the OAuth rules even when every field is individually valid', () => {
    expect(problems({ HUBSPOT_CLIENT_ID: 'cid', HUBSPOT_CLIENT_SECRET: 's' })).toEqual([
      'HUBSPOT_REDIRECT_URI: required when HUBSPOT_CLIENT_ID is set (OAuth)',
      'TOKEN_ENCRYPTION_KEY: required when HUBSPOT_CLIENT_ID is set (OAuth)',
    ]);
    expect(problems({ ...OAUTH, HUBSPOT_ACCESS_TOKEN: 'pat-na1-x' })).toEqual([
      'HUBSPOT_ACCESS_TOKEN: set either a private-app token or HUBSPOT_CLIENT_ID (OAuth), not both',
    ]);
    expect(problems({ HUBSPOT_REDIRECT_URI: 'https://a.example/cb' })).toEqual([
      'HUBSPOT_CLIENT_ID: required when HUBSPOT_REDIRECT_URI is set (OAuth)',
    ]);
  });

  it('derives the mode from the credentials', () => {
    expect(ok({ HUBSPOT_ACCESS_TOKEN: 'pat-na1-x' }).mode).toBe('private-app');
    // A private app's client secret only signs requests; it does not make an OAuth install.
    expect(ok({ HUBSPOT_ACCESS_TOKEN: 'pat', HUBSPOT_CLIENT_SECRET: 's' }).mode).toBe(
      'private-app',
    );
    expect(ok(OAUTH).mode).toBe('oauth');
  });

  it('accepts the encryption key as hex or base64 (padded or not) and yields its 32 bytes', () => {
    for (const text of [
      KEY.toString('hex'),
      KEY.toString('base64'),
      KEY.toString('base64url'),
      KEY.toString('base64').replace(/=$/, ''),
    ]) {
      expect(ok({ ...OAUTH, TOKEN_ENCRYPTION_KEY: text }).TOKEN_ENCRYPTION_KEY).toEqual(KEY);
    }
    for (const text of [randomBytes(16).toString('hex'), randomBytes(31).toString('base64')]) {
      expect(problems({ ...OAUTH, TOKEN_ENCRYPTION_KEY: text })[0]).toMatch(
        /^TOKEN_ENCRYPTION_KEY: expected 32 bytes/,
      );
    }
  });

  it('normalises origins and accepts both database URL forms', () => {
    const c = ok({
      PUBLIC_URL: 'https://app.example.com/',
      HUBSPOT_BASE_URL: 'http://127.0.0.1:4010',
      DATABASE_URL: 'postgresql://u:p@db:5432/x',
      PORT: '0',
    });
    expect(c.PUBLIC_URL).toBe('https://app.example.com');
    expect(c.HUBSPOT_BASE_URL).toBe('http://127.0.0.1:4010');
    expect(c.PORT).toBe(0);
    expect(ok({ DATABASE_URL: 'sqlite::memory:' }).DATABASE_URL).toBe('sqlite::memory:');
    expect(problems({ DATABASE_URL: 'sqlite:' })[0]).toMatch(/^DATABASE_URL: /);
  });
});
