// `configure` as an operator runs it (the CLI's own dispatch, in process), on a copy of the project's HubSpot files: valid input
// rewrites every file consistently and keeps them formatted; a second run changes nothing; bad
// input names each option and writes nothing; --check finds the file that disagrees.

import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_FILES } from '../../../src/project/identity.js';
import { runCli, type CliRun } from '../../support/cli.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const FILES = Object.values(PROJECT_FILES);

let dir: string;
const configure = (...args: string[]): Promise<CliRun> =>
  runCli(['configure', '--dir', dir, ...args]);
const read = (file: string): string => readFileSync(path.join(dir, file), 'utf8');
const snapshot = () => FILES.map((f) => [read(f), statSync(path.join(dir, f)).mtimeMs] as const);
interface App {
  config: {
    name: string;
    permittedUrls: { fetch: string[] };
    auth: { redirectUrls: string[]; requiredScopes: string[] };
    support: Record<string, string>;
  };
}
const json = (file: string): unknown => JSON.parse(read(file));

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'configure-'));
  cpSync(path.join(repoRoot, 'extensions'), path.join(dir, 'extensions'), {
    recursive: true,
    filter: (src) => !src.includes('node_modules'),
  });
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('configure', () => {
  it('sets the origin, name and support contacts in every file, formatted as before', async () => {
    const r = await configure(
      '--origin',
      'https://attribution.acme.io/',
      '--app-name',
      'Acme Attribution',
      '--support-email',
      'help@acme.io',
      '--support-phone',
      '+4930123456',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/^updated /gm)).toHaveLength(4);
    const origin = 'https://attribution.acme.io';
    expect(read(PROJECT_FILES.origin)).toContain(`export const BACKEND_ORIGIN = '${origin}';`);
    const app = (json(PROJECT_FILES.app) as App).config;
    expect(app.name).toBe('Acme Attribution');
    expect(app.permittedUrls.fetch).toEqual([origin]);
    expect(app.auth.redirectUrls).toEqual([
      `${origin}/oauth/callback`,
      'http://localhost:3000/oauth/callback',
    ]);
    expect(app.support).toEqual({
      supportEmail: 'help@acme.io',
      documentationUrl: `${origin}/docs`,
      supportUrl: `${origin}/support`,
      supportPhone: '+4930123456',
    });
    expect(
      (json(PROJECT_FILES.webhooks) as { config: { settings: { targetUrl: string } } }).config
        .settings.targetUrl,
    ).toBe(`${origin}/webhooks/hubspot`);
    expect((json(PROJECT_FILES.local) as { proxy: unknown }).proxy).toEqual({
      [origin]: 'http://localhost:3000',
    });
    // Everything else in the manifests is untouched, and the files pass the project's Prettier.
    const before = JSON.parse(readFileSync(path.join(repoRoot, PROJECT_FILES.app), 'utf8')) as App;
    expect((json(PROJECT_FILES.app) as App).config.auth.requiredScopes).toEqual(
      before.config.auth.requiredScopes,
    );
    const options = await prettier.resolveConfig(path.join(repoRoot, PROJECT_FILES.app));
    for (const f of FILES.filter((x) => !x.endsWith('.example'))) {
      const ok = await prettier.check(read(f), { ...options, filepath: path.join(repoRoot, f) });
      expect(ok, f).toBe(true);
    }
    expect(r.stderr).toBe(''); // no placeholder left
  });

  it('changes nothing when run again with the same values', async () => {
    const args = ['--origin', 'https://attribution.acme.io', '--support-email', 'help@acme.io'];
    expect((await configure(...args)).code).toBe(0);
    const first = snapshot();
    const again = await configure(...args);
    expect(again.code).toBe(0);
    expect(again.stdout.match(/^unchanged /gm)).toHaveLength(4);
    expect(snapshot()).toEqual(first);
  });

  it.each([
    [['--origin', 'http://attribution.acme.io'], /--origin .* must use https/],
    [['--origin', 'https://attribution.acme.io/api'], /--origin .* no path/],
    [['--origin', 'https://attribution.acme.io?x=1'], /--origin .* no path, query/],
    [['--origin', 'https://localhost:3000'], /--origin .* public host name/],
    [['--origin', 'https://10.0.0.7'], /--origin .* public host name/],
    [['--origin', 'not a url'], /--origin "not a url" is not a URL/],
    [['--origin', 'https://a.acme.io', '--support-email', 'help'], /--support-email must be/],
    [['--app-name', '   '], /--app-name must not be empty/],
    [['--support-phone', '555-1234'], /--support-phone must be in international format/],
    [['--docs-url', 'http://docs.acme.io'], /--docs-url must be an absolute https/],
    [[], /nothing to set/],
    [['--colour', 'red'], /Unknown option '--colour'/],
  ])('rejects %j with a message naming the option, writing nothing', async (args, message) => {
    const before = snapshot();
    const r = await configure(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(snapshot()).toEqual(before);
  });

  it('lists every problem of the input at once', async () => {
    const r = await configure('--origin', 'http://a.io', '--support-email', 'x', '--app-name', '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--origin[\s\S]*--app-name[\s\S]*--support-email/);
  });

  it('--check passes on the template, warning about its placeholders', async () => {
    const r = await configure('--check');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('all project files agree: https://api.example.com\n');
    expect(r.stderr).toMatch(/placeholder: origin, supportEmail/);
  });

  it('--check names the file and value that disagree, and changes nothing', async () => {
    expect((await configure('--origin', 'https://attribution.acme.io')).code).toBe(0);
    const hooks = path.join(dir, PROJECT_FILES.webhooks);
    writeFileSync(
      hooks,
      readFileSync(hooks, 'utf8').replace('https://attribution.acme.io', 'https://old.acme.io'),
    );
    const before = snapshot();
    const r = await configure('--check');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `${PROJECT_FILES.webhooks}: config.settings.targetUrl is https://old.acme.io/webhooks/hubspot, ` +
        'expected https://attribution.acme.io/webhooks/hubspot\n',
    );
    expect(snapshot()).toEqual(before);
    // Checked against values given on the command line, every file disagrees.
    const other = await configure('--check', '--origin', 'https://new.acme.io');
    expect(other.code).toBe(1);
    for (const f of FILES) expect(other.stdout).toContain(`${f}:`);
    // Running configure repairs it.
    expect((await configure('--origin', 'https://attribution.acme.io')).stdout).toMatch(
      /^updated {3}extensions\/app\/webhooks/m,
    );
    expect((await configure('--check')).code).toBe(0);
  });
});
