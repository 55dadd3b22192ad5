import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/server/logger.js';
import { createShutdown } from '../../../src/server/shutdown.js';

const silent = createLogger(
  'silent',
  new Writable({
    write: (_c, _e, done) => {
      done();
    },
  }),
);

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

/** A server whose /slow requests wait until `release()`; `started` resolves when one arrives. */
async function slowServer() {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let arrived!: () => void;
  const started = new Promise<void>((r) => (arrived = r));
  server = createServer((req, res) => {
    if (req.url === '/slow') {
      arrived();
      void released.then(() => res.end('done'));
    } else res.end('fast');
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, release, started, server };
}

describe('graceful shutdown', () => {
  it('stops accepting, lets in-flight requests finish, then runs the hooks in order', async () => {
    const s = await slowServer();
    const events: string[] = [];
    const shutdown = createShutdown({ log: silent, timeoutMs: 60_000, exit: () => undefined });
    shutdown.addServer(s.server);
    shutdown.onShutdown('jobs: finish page and checkpoint', () => {
      events.push('checkpoint');
      return Promise.resolve();
    });
    shutdown.onShutdown('store: close', () => {
      events.push('store closed');
      return Promise.resolve();
    });
    const inFlight = fetch(`${s.url}/slow`).then(async (r) => {
      events.push(`response ${await r.text()}`);
    });
    await s.started;
    expect(shutdown.shuttingDown).toBe(false);
    const done = shutdown.run('SIGTERM');
    expect(shutdown.shuttingDown).toBe(true);
    await expect(fetch(`${s.url}/fast`)).rejects.toThrow();
    expect(events).toEqual([]); // hooks wait for the request in flight
    s.release();
    expect(await done).toBe(0);
    await inFlight;
    expect(events).toEqual(['response done', 'checkpoint', 'store closed']);
    expect(shutdown.run('again')).toBe(done);
  });

  it('cuts a hook short at the deadline (aborting its signal) and exits non-zero', async () => {
    const shutdown = createShutdown({ log: silent, timeoutMs: 50, exit: () => undefined });
    let aborted = false;
    const after: string[] = [];
    shutdown.onShutdown('stuck', (signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise<void>(() => undefined); // never finishes
    });
    shutdown.onShutdown('later', () => {
      after.push('ran');
      return Promise.resolve();
    });
    expect(await shutdown.run('SIGTERM')).toBe(1);
    expect(aborted).toBe(true);
    expect(after).toEqual([]); // skipped: the deadline had passed
  });

  it('keeps going after a failing hook and reports it in the exit code', async () => {
    const shutdown = createShutdown({ log: silent, exit: () => undefined });
    const ran: string[] = [];
    shutdown.onShutdown('broken', () => Promise.reject(new Error('disk full')));
    shutdown.onShutdown('next', () => {
      ran.push('next');
      return Promise.resolve();
    });
    expect(await shutdown.run('SIGINT')).toBe(1);
    expect(ran).toEqual(['next']);
  });

  it('runs on SIGTERM once installed and exits with the outcome', async () => {
    const codes: number[] = [];
    let exited!: () => void;
    const exitedP = new Promise<void>((r) => (exited = r));
    const shutdown = createShutdown({
      log: silent,
      exit: (code) => {
        codes.push(code);
        exited();
      },
    });
    const uninstall = shutdown.install();
    try {
      process.emit('SIGTERM', 'SIGTERM');
      await exitedP;
      expect(codes).toEqual([0]);
    } finally {
      uninstall();
    }
  });
});
