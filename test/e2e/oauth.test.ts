// OAuth (marketplace) mode end to end: the app started with client settings only installs into a
// sandbox portal through /oauth/install → authorize → /oauth/callback, stores the refresh token
// sealed, and the queued first cycle syncs, attributes and writes back with tokens it refreshes
// itself from the stored one.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app/runtime.js';
import { loadConfig } from '../../src/config.js';
import { generatePortal } from '../../sandbox/generator/index.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { createLogger } from '../../src/server/logger.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => {
        resolve(port);
      });
    });
  });

describe('OAuth mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oauth-e2e-'));
  let sb: RunningSandbox | undefined;
  let runtime: Runtime | undefined;
  afterAll(async () => {
    await runtime?.close();
    await sb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs through the authorize flow, then syncs and writes back with refreshed tokens', async () => {
    sb = await startSandbox({
      app: 'oauth',
      portal: generatePortal({ scale: 'tiny', seed: 4 }),
      log: () => undefined,
    });
    const port = await freePort();
    const origin = `http://localhost:${String(port)}`;
    const loaded = loadConfig({
      PORT: String(port),
      DATABASE_URL: `sqlite:${join(dir, 'oauth.db')}`,
      HUBSPOT_BASE_URL: sb.baseUrl,
      HUBSPOT_AUTHORIZE_BASE_URL: sb.baseUrl,
      HUBSPOT_CLIENT_ID: sb.clientId,
      HUBSPOT_CLIENT_SECRET: sb.clientSecret,
      HUBSPOT_REDIRECT_URI: `${origin}/oauth/callback`,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
    });
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    expect(loaded.config.mode).toBe('oauth');
    runtime = await createRuntime({
      config: loaded.config,
      role: 'all',
      log: createLogger('silent'),
      schedule: false,
    });
    expect(runtime.portalId).toBeUndefined();

    const install = await fetch(`${origin}/oauth/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const cookie = install.headers.get('set-cookie')?.split(';')[0] ?? '';
    const approved = await fetch(install.headers.get('location') ?? '', { redirect: 'manual' });
    expect(approved.status).toBe(302);
    const callback = await fetch(approved.headers.get('location') ?? '', { headers: { cookie } });
    expect(callback.status).toBe(200);

    const stored = await runtime.store.getOAuthToken(sb.portalId);
    expect(stored?.encryptedRefreshToken).toMatch(/^v1\./);

    // The install queued the portal's first cycle; it runs on tokens refreshed from the store.
    await runtime.runner.idle();
    expect(await Promise.resolve(runtime.runner.lastCycle(sb.portalId))).toMatchObject({
      state: 'succeeded',
    });
    const counts = await runtime.store.countRecords(sb.portalId);
    expect(counts.contacts).toBe(
      [...sb.portal.objects.contacts.values()].filter((c) => !c.archived).length,
    );
    const written = [...sb.portal.objects.deals.values()].filter(
      (d) => !d.archived && d.properties['attribution_model'] !== undefined,
    );
    expect(written.length).toBeGreaterThan(0);
  }, 60_000);
});
