// `startSandbox`: a local HubSpot (emulated API over an in-memory portal) on an HTTP port.
// Point `@hubspot/api-client` at `baseUrl` with `accessToken`; nothing else changes.

import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createPortal, type AppType, type Portal } from './portal.js';
import { installStandardSchema } from './schema.js';
import { createApp } from './server/app.js';
import { ALL_SCOPES, createContext } from './server/context.js';
import { parseFaultSpec, type FaultSpec } from './server/middleware/fault-spec.js';
import { issueOAuthTokens } from './server/oauth.js';
import { startWebhooks, type WebhookDispatcher, type WebhookOptions } from './server/webhooks.js';

export interface SandboxOptions {
  /** 0 (default) = an ephemeral port. */
  readonly port?: number;
  readonly host?: string;
  /** The portal to serve; else `generate()`; else an empty portal with the standard schema. */
  readonly portal?: Portal;
  readonly generate?: () => Portal;
  /** Time simulator behind `POST /_sandbox/advance`. */
  readonly advance?: (portal: Portal, days: number, seed: number) => unknown;
  readonly seed?: number;
  /** Which kind of token `accessToken` is: a private-app token or an OAuth access token. */
  readonly app?: AppType;
  /** Scopes of the returned token (default: all). */
  readonly scopes?: readonly string[];
  readonly privateAppToken?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly appId?: number;
  readonly rateLimits?: boolean;
  /** Override the tier's burst (per 10 s) and daily quotas, e.g. small ones in tests. */
  readonly limits?: { readonly burst?: number; readonly daily?: number };
  /** Clock for rate windows and token expiry (default Date.now). */
  readonly clock?: () => number;
  /** A fault spec string ("5xx=0.05,seed=7") or a parsed spec; off when absent. */
  readonly faults?: string | FaultSpec;
  readonly webhooks?: Omit<WebhookOptions, 'clientSecret' | 'appId'>;
  readonly log?: (line: string) => void;
}

export interface RunningSandbox {
  readonly baseUrl: string;
  readonly accessToken: string;
  /** Present when `app: 'oauth'`. */
  readonly refreshToken: string | undefined;
  readonly portalId: number;
  readonly portal: Portal;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly webhooks: WebhookDispatcher | undefined;
  close(): Promise<void>;
}

function emptyPortal(): Portal {
  const portal = createPortal({ portalId: 62515, tier: 'professional', now: Date.now() });
  installStandardSchema(portal);
  return portal;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  let faults: FaultSpec | undefined;
  if (typeof options.faults === 'string') {
    const parsed = parseFaultSpec(options.faults);
    if (!parsed.ok) throw new Error(parsed.message);
    faults = parsed.value;
  } else faults = options.faults;
  const portal = options.portal ?? options.generate?.() ?? emptyPortal();
  const listenersBefore = [...portal.listeners];
  const clientId = options.clientId ?? 'sandbox-client-id';
  const clientSecret = options.clientSecret ?? 'sandbox-client-secret';
  const appId = options.appId ?? 3001;
  const ctx = createContext({
    portal,
    app: options.app ?? 'private',
    appId,
    clientId,
    clientSecret,
    rateLimits: options.rateLimits ?? true,
    limitOverrides: options.limits ?? {},
    clock: options.clock ?? Date.now,
    faults,
    seed: options.seed ?? 1,
    advance: options.advance,
  });
  const scopes = options.scopes ?? ALL_SCOPES;
  let accessToken: string;
  let refreshToken: string | undefined;
  if (ctx.config.app === 'oauth') {
    ({ accessToken, refreshToken } = issueOAuthTokens(ctx, scopes));
  } else {
    accessToken = options.privateAppToken ?? `pat-na1-${randomUUID()}`;
    ctx.tokens.set(accessToken, { kind: 'private', scopes });
  }
  const app = createApp(ctx, log);
  const webhooks = options.webhooks
    ? startWebhooks(portal, { log, ...options.webhooks, clientSecret, appId })
    : undefined;
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(options.port ?? 0, options.host ?? '127.0.0.1', (err?: Error) => {
      if (err) reject(err);
      else resolve(s);
    });
  });
  server.keepAliveTimeout = 65_000;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    baseUrl: `http://${host}:${address.port}`,
    accessToken,
    refreshToken,
    portalId: portal.portalId,
    portal,
    clientId,
    clientSecret,
    webhooks,
    close: async () => {
      await webhooks?.close();
      // Remove the listeners this sandbox added (search cache), leaving the caller's.
      for (let i = portal.listeners.length - 1; i >= 0; i--)
        if (!listenersBefore.includes(portal.listeners[i]!)) portal.listeners.splice(i, 1);
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
    },
  };
}
