// The composition root: from the validated configuration it builds the store, each portal's
// HubSpot connection, the services and the use-cases. Every entry point — `start` (through
// runtime.ts), each CLI command, the benchmarks — gets them from here; nothing else constructs
// concrete implementations.
//
// PostgreSQL also brings the state workers share (ADR 0006): each portal's rate budget windows
// and last cycle.

import { availableParallelism } from 'node:os';
import type { Config } from '../config.js';
import {
  createOAuthTokenProvider,
  staticToken,
  type HubSpotLogger,
  type Tier,
} from '../hubspot/index.js';
import { openRefreshToken, sealRefreshToken } from '../security/index.js';
import {
  createAttributionService,
  createChannelPreviewService,
  createEvaluationReadService,
  createEvaluationService,
  createSettingsService,
  createStatusService,
} from '../services/index.js';
import { openSharedState, openStore, type SharedState, type Store } from '../store/index.js';
import {
  createOAuthInstall,
  createUseCases,
  type OAuthInstall,
  type PortalConnection,
  type UseCases,
} from '../usecases/index.js';
import type { CycleState } from '../domain/index.js';
import { connectPortal } from './connect.js';
import { oauthDeps } from './oauth.js';

export interface ComposeOptions {
  readonly config: Config;
  /** An open store to use instead of opening DATABASE_URL (benchmarks, tests); closed by close(). */
  readonly store?: Store;
  /** Warnings the services report (unreadable stored evaluations, failed settings hooks). */
  readonly warn?: (fields: Record<string, unknown>, message: string) => void;
  /** HubSpot client events (retries, token refreshes, skipped malformed records). */
  readonly hubspotLog?: HubSpotLogger;
  /** After a settings save (the jobs layer enqueues a recompute). */
  readonly onSettingsChanged?: (portalId: number) => void;
  /** After an OAuth install (the jobs layer enqueues the portal's first full sync). */
  readonly onPortalConnected?: (portalId: number) => void;
  /** The jobs layer's last cycle of a portal, for the status page (default: none yet). */
  readonly lastCycle?: (portalId: number) => Promise<CycleState | null> | CycleState | null;
  /** The card's view cache TTL (default 60 s; benchmarks measure 0). */
  readonly viewTtlMs?: number;
}

export interface ComposedApp {
  readonly config: Config;
  readonly store: Store;
  /** PostgreSQL: the state every worker process shares; undefined with SQLite. */
  readonly shared: SharedState | undefined;
  readonly usecases: UseCases;
  readonly connection: (portalId: number) => Promise<PortalConnection>;
  /** The portal of HUBSPOT_ACCESS_TOKEN, connected once and recorded in the store. */
  privateApp(): Promise<PortalConnection>;
  /** OAuth mode: the install flow; undefined otherwise. */
  readonly oauth: OAuthInstall | undefined;
  close(): Promise<void>;
}

export async function composeApp(o: ComposeOptions): Promise<ComposedApp> {
  const { config } = o;
  const store = o.store ?? (await openStore(config.DATABASE_URL));
  let shared: SharedState | undefined;
  if (store.dialect === 'postgres' && config.DATABASE_URL !== undefined) {
    try {
      shared = await openSharedState(config.DATABASE_URL);
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  const windows = (id: number) => (shared ? { windows: shared.windows(id) } : {});
  const log = o.hubspotLog === undefined ? {} : { log: o.hubspotLog };
  const connections = new Map<number, Promise<PortalConnection>>();
  const tier: Tier = config.HUBSPOT_TIER ?? 'starter';

  let privateApp: Promise<PortalConnection> | undefined;
  const connectPrivateApp = async (): Promise<PortalConnection> => {
    const token = config.HUBSPOT_ACCESS_TOKEN;
    if (token === undefined) throw new Error('HUBSPOT_ACCESS_TOKEN: not set');
    const connect = (id?: number) =>
      connectPortal({
        baseUrl: config.HUBSPOT_BASE_URL,
        tokens: staticToken(token),
        appType: 'private',
        tier,
        ...log,
        ...(id === undefined ? {} : windows(id)),
      });
    let conn = connect();
    // The shared budget is keyed by portal, which the token's first call reveals.
    if (shared) conn = connect((await conn).portalId);
    const c = await conn;
    connections.set(c.portalId, conn);
    await usecases.portals.recordPrivateApp(c, tier);
    return c;
  };

  const oauthConnection = async (id: number): Promise<PortalConnection> => {
    const key = config.TOKEN_ENCRYPTION_KEY;
    const { HUBSPOT_CLIENT_ID: clientId, HUBSPOT_CLIENT_SECRET: clientSecret } = config;
    if (key === undefined || clientId === undefined || clientSecret === undefined)
      throw new Error(`portal ${String(id)}: no access token and OAuth is not configured`);
    const stored = await store.getOAuthToken(id);
    if (stored === undefined) throw new Error(`portal ${String(id)}: not installed (no token)`);
    const opened = openRefreshToken(key, id, stored.encryptedRefreshToken);
    if (!opened.ok)
      throw new Error(`portal ${String(id)}: stored token unreadable (${opened.error})`);
    const portal = await store.getPortal(id);
    return connectPortal({
      baseUrl: config.HUBSPOT_BASE_URL,
      appType: 'oauth',
      ...log,
      ...windows(id),
      ...(portal === undefined ? {} : { tier: portal.tier }),
      tokens: createOAuthTokenProvider({
        clientId,
        clientSecret,
        baseUrl: config.HUBSPOT_BASE_URL,
        tokens: { accessToken: '', refreshToken: opened.value, expiresAt: 0 },
        onTokens: (t) =>
          store.saveOAuthToken(id, {
            encryptedRefreshToken: sealRefreshToken(key, id, t.refreshToken),
            accessTokenExpiresAt: t.expiresAt,
            scopes: stored.scopes,
          }),
      }),
    });
  };

  const connection = (id: number): Promise<PortalConnection> => {
    let c = connections.get(id);
    if (!c) {
      c = oauthConnection(id);
      connections.set(id, c);
      c.catch(() => connections.delete(id));
    }
    return c;
  };

  const warn = o.warn ?? (() => undefined);
  const settings = createSettingsService({
    store,
    ...(o.onSettingsChanged === undefined
      ? {}
      : { onChanged: (id: number) => o.onSettingsChanged?.(id) }),
    onError: (e, id) => {
      warn({ err: e, portalId: id }, 'settings hook failed');
    },
  });
  const usecases = createUseCases({
    store,
    settings,
    attribution: createAttributionService({
      store,
      settings,
      ...(o.viewTtlMs === undefined ? {} : { viewTtlMs: o.viewTtlMs }),
      // Worker threads open their own connections: only to a database this root opened from
      // the configuration (a store handed in — tests, benchmarks — or an in-memory one has none).
      ...(o.store === undefined && !isMemory(config.DATABASE_URL)
        ? {
            parallel: {
              databaseUrl: config.DATABASE_URL,
              threads: config.RECOMPUTE_THREADS ?? Math.min(availableParallelism(), 4),
            },
          }
        : {}),
    }),
    evaluation: createEvaluationService({ store, settings }),
    evaluationRead: createEvaluationReadService({
      store,
      onUnreadable: (id, problem) => {
        warn({ portalId: id, problem }, 'stored model evaluation does not match the contract');
      },
    }),
    channelPreview: createChannelPreviewService({ store, settings }),
    status: createStatusService({ store, settings, lastCycle: o.lastCycle ?? (() => null) }),
    connection,
    syncConcurrency: config.SYNC_CONCURRENCY,
  });

  const install = oauthDeps(config, (id) => o.onPortalConnected?.(id));
  return {
    config,
    store,
    shared,
    usecases,
    connection,
    privateApp: () => (privateApp ??= connectPrivateApp()),
    oauth: install === undefined ? undefined : createOAuthInstall(store, install),
    async close() {
      await shared?.close();
      await store.close();
    },
  };
}

const isMemory = (url: string | undefined): boolean => url === 'sqlite::memory:';
