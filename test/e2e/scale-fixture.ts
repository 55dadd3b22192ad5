// Shared by the scale-out test and benchmark: many sandbox portals installed over OAuth in a
// private PostgreSQL schema, one front URL for all of them, and worker processes whose JSON log
// lines are collected.
//
// Credentials: each sandbox serves one portal as an OAuth app with the same client id and secret
// (like one marketplace app installed on many portals). Its refresh token is sealed and stored
// exactly as the install callback stores it, so workers find every portal's credentials in the
// store, refresh their own access tokens and need nothing per portal in their environment.
// HubSpot has one base URL for every portal; the sandboxes each have their own, so a small front
// routes each call by its bearer token (and token refreshes by their refresh token).

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { generatePortal } from '../../sandbox/generator/index.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { sealRefreshToken } from '../../src/security/refresh-token.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { pgQuery as sql, urlWithSchema } from '../support/postgres.js';

const ROOT = join(import.meta.dirname, '../..');
const CLIENT_ID = 'scale-client-id';
const CLIENT_SECRET = 'scale-client-secret';
const KEY = randomBytes(32);

export interface LogEvent {
  readonly pid: number;
  readonly time: number;
  readonly msg: string;
  readonly portalId?: number;
  readonly job?: string;
  readonly jobId?: string;
  readonly step?: string;
  readonly written?: number;
  readonly [key: string]: unknown;
}

export interface Worker {
  readonly pid: number;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
}

export interface Fleet {
  readonly schema: string;
  /** DATABASE_URL of the private schema (search_path in the URL). */
  readonly databaseUrl: string;
  readonly sandboxes: readonly RunningSandbox[];
  /** Every JSON log line of every worker, in arrival order. */
  readonly events: LogEvent[];
  spawnWorker(args?: readonly string[]): Worker;
  /** Resolves when `test(events)` holds; rejects after `timeoutMs`. */
  waitFor(test: (events: readonly LogEvent[]) => boolean, timeoutMs: number): Promise<void>;
  /** Jobs created, retrying or active in the queue. */
  pendingJobs(): Promise<number>;
  sandboxStats(sb: RunningSandbox): Promise<SandboxStats>;
  openStore(): Promise<Store>;
  close(): Promise<void>;
}

export interface SandboxStats {
  readonly total: number;
  readonly rateLimited: number;
  readonly requests: Record<string, number>;
  readonly records: Record<string, number>;
}

export interface FleetOptions {
  readonly portals: number;
  /** Burst calls per 10 s the i-th sandbox allows (its rate limits are on). */
  readonly burst: (index: number) => number;
  readonly firstPortalId?: number;
}

export async function startFleet(o: FleetOptions): Promise<Fleet> {
  const schema = `scale_${randomBytes(6).toString('hex')}`;
  await sql(`create schema "${schema}"`);
  const databaseUrl = urlWithSchema(schema);
  const sandboxes: RunningSandbox[] = [];
  const workers: Worker[] = [];
  const events: LogEvent[] = [];
  let front: Server | undefined;
  const close = async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await Promise.all(sandboxes.map((s) => s.close()));
    if (front) {
      const f = front;
      await new Promise<void>((resolve) => {
        f.close(() => {
          resolve();
        });
        f.closeAllConnections();
      });
    }
    await sql(
      `drop schema if exists "${schema}" cascade; drop schema if exists "${schema}_pgboss" cascade`,
    );
  };
  try {
    const first = o.firstPortalId ?? 7001;
    for (let i = 0; i < o.portals; i++)
      sandboxes.push(
        await startSandbox({
          portal: generatePortal({ seed: 100 + i, scale: 'tiny', portalId: first + i }),
          app: 'oauth',
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          limits: { burst: o.burst(i) },
          log: () => undefined,
        }),
      );
    const { url, server } = await startFront(sandboxes);
    front = server;

    const store = await openStore(databaseUrl);
    try {
      for (const sb of sandboxes) {
        await store.upsertPortal(sb.portalId, {
          name: `Portal ${String(sb.portalId)}`,
          timeZone: 'UTC',
          currency: 'USD',
          tier: 'professional',
          appType: 'oauth',
        });
        await store.saveOAuthToken(sb.portalId, {
          encryptedRefreshToken: sealRefreshToken(KEY, sb.portalId, sb.refreshToken!),
          accessTokenExpiresAt: null,
          scopes: [],
        });
      }
    } finally {
      await store.close();
    }

    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: databaseUrl,
      HUBSPOT_BASE_URL: url,
      HUBSPOT_CLIENT_ID: CLIENT_ID,
      HUBSPOT_CLIENT_SECRET: CLIENT_SECRET,
      HUBSPOT_REDIRECT_URI: 'http://127.0.0.1:9/oauth/callback',
      TOKEN_ENCRYPTION_KEY: KEY.toString('hex'),
      LOG_LEVEL: 'info',
      PORT: '0',
    };

    return {
      schema,
      databaseUrl,
      sandboxes,
      events,
      spawnWorker(args = []) {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'src/cli.ts', 'start', '--role', 'worker', ...args],
          { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        const pid = child.pid ?? -1;
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (!line.startsWith('{')) return;
          const raw = JSON.parse(line) as Record<string, unknown>;
          events.push({
            ...raw,
            pid,
            time: Date.parse(String(raw['time'])),
            msg: String(raw['msg']),
          });
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => {
          stderr = (stderr + chunk.toString()).slice(-4000);
        });
        const exited = new Promise<number | null>((resolve) => {
          child.on('exit', (code) => {
            if (code !== 0 && code !== null)
              process.stderr.write(`worker ${pid} exited ${code}:\n${stderr}\n`);
            resolve(code);
          });
        });
        const w = { pid, child, exited };
        workers.push(w);
        return w;
      },
      async waitFor(test, timeoutMs) {
        const until = Date.now() + timeoutMs;
        while (!test(events)) {
          if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
      async pendingJobs() {
        const r = await sql(
          `select count(*)::int as n from "${schema}_pgboss".job where state < 'completed'`,
        );
        return (r.rows[0] as { n: number }).n;
      },
      async sandboxStats(sb) {
        const res = await fetch(`${sb.baseUrl}/_sandbox/stats`, {
          headers: { authorization: `Bearer ${sb.accessToken}` },
        });
        return (await res.json()) as SandboxStats;
      },
      openStore: () => openStore(databaseUrl),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * One origin for every sandbox: a call goes to the sandbox that issued its bearer token; a token
 * refresh to the one that issued the refresh token, and the new access token is remembered.
 */
async function startFront(
  sandboxes: readonly RunningSandbox[],
): Promise<{ url: string; server: Server }> {
  const byRefresh = new Map(sandboxes.map((s) => [s.refreshToken!, s.baseUrl]));
  const byAccess = new Map(sandboxes.map((s) => [s.accessToken, s.baseUrl]));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const refresh =
          req.url === '/oauth/v1/token'
            ? new URLSearchParams(body.toString()).get('refresh_token')
            : null;
        const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
        const target =
          refresh !== null
            ? byRefresh.get(refresh)
            : bearer === undefined
              ? undefined
              : byAccess.get(bearer);
        if (target === undefined) {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'error', message: 'unknown token (scale front)' }));
          return;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (typeof v === 'string' && k !== 'host' && k !== 'content-length' && k !== 'connection')
            headers[k] = v;
        const upstream = await fetch(`${target}${req.url ?? '/'}`, {
          method: req.method ?? 'GET',
          headers,
          ...(body.length > 0 ? { body } : {}),
        });
        const out = Buffer.from(await upstream.arrayBuffer());
        if (refresh !== null && upstream.ok) {
          const issued = JSON.parse(out.toString()) as { access_token?: string };
          if (issued.access_token !== undefined) byAccess.set(issued.access_token, target);
        }
        const outHeaders: Record<string, string> = {};
        upstream.headers.forEach((v, k) => {
          if (
            k !== 'content-length' &&
            k !== 'transfer-encoding' &&
            k !== 'connection' &&
            k !== 'keep-alive'
          )
            outHeaders[k] = v;
        });
        res.writeHead(upstream.status, outHeaders);
        res.end(out);
      })().catch((e: unknown) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'error', message: String(e) }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${String(port)}`, server };
}
