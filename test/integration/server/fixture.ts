// The backend on an ephemeral port for HTTP-level tests, with a real in-memory SQLite store, a
// capturing logger and a recorder for the change hints handed to the jobs layer.

import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Router } from 'express';
import { assembleApp, type AppParts } from '../../../src/server/app.js';
import { createLogger } from '../../../src/server/logger.js';
import type { ChangeHint } from '../../../src/server/routes/webhooks.js';
import { signV3 } from '../../../sandbox/server/signature.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createPortals } from '../../../src/usecases/index.js';

export const SECRET = 'app-client-secret';
export const PORTAL = 62515;

export interface Running {
  readonly url: string;
  readonly store: Store;
  /** Every enqueueChanges call, in order. */
  readonly queued: { portalId: number; changes: readonly ChangeHint[] }[];
  /** Parsed log lines. */
  readonly logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export interface StartOptions {
  readonly api?: Router;
  readonly now?: () => number;
  readonly store?: Store;
  /** Deps that need the server's own URL (OAuth redirect URI) or the store. */
  readonly deps?: (url: string, store: Store) => Partial<AppParts>;
}

export async function start(options: StartOptions = {}): Promise<Running> {
  const store = options.store ?? (await openStore('sqlite::memory:'));
  const queued: Running['queued'] = [];
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  // Bound first, so deps can know the URL the app is reached at.
  const server: Server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app = assembleApp({
    portals: createPortals(store),
    log: createLogger('debug', sink),
    signingSecret: SECRET,
    api: options.api ?? Router(),
    enqueueChanges: (portalId, changes) => {
      queued.push({ portalId, changes });
      return Promise.resolve();
    },
    ...(options.now ? { now: options.now } : {}),
    ...options.deps?.(url, store),
  });
  server.on('request', app);
  return {
    url,
    store,
    queued,
    logs,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
      await store.close();
    },
  };
}

/** Headers of a valid v3 signature (the sandbox's signer: independent of the code under test). */
export function signedHeaders(
  method: string,
  url: string,
  body = '',
  timestamp = Date.now(),
  secret = SECRET,
): Record<string, string> {
  return {
    'X-HubSpot-Signature-v3': signV3(secret, method, url, body, timestamp),
    'X-HubSpot-Request-Timestamp': String(timestamp),
    ...(body === '' ? {} : { 'Content-Type': 'application/json' }),
  };
}
