// The composition root: wires the store, each portal's HubSpot connection, the services, the job
// runner, the schedule and the HTTP server from the validated configuration. `start`,
// `attribute` and `writeback` build one; nothing else constructs concrete implementations.
//
// Roles: `web` serves HTTP only (jobs it asks for are queued for workers — in this embedded
// mode, run by the same process when it also has the worker role), `worker` runs jobs only,
// `all` (default) does both.
//
// The store decides the job machinery (ADR 0006): SQLite → the in-process runner and schedule;
// PostgreSQL → pg-boss on the same database, an elected scheduler, and each portal's rate
// budget and last cycle kept in PostgreSQL so that every worker process shares them.

import type { Server } from 'node:http';
import type { Config } from '../config.js';
import { staticToken } from '../hubspot/auth.js';
import { createOAuthTokenProvider } from '../hubspot/oauth.js';
import { markNeedsReconnect } from '../security/connection.js';
import { openRefreshToken, sealRefreshToken } from '../security/refresh-token.js';
import { createServer, listen } from '../server/app.js';
import type { Logger } from '../server/logger.js';
import type { ChangeHint } from '../server/routes/webhooks.js';
import { createAttributionService, type AttributionService } from '../services/attribute.js';
import { createEvaluationService } from '../services/evaluation.js';
import { createSettingsService, type SettingsService } from '../services/settings.js';
import { createStatusService } from '../services/status.js';
import { createChannelPreviewService } from '../services/channel-preview.js';
import { createEvaluationReadService } from '../services/evaluation-read.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import type { StreamProgress } from '../sync/context.js';
import { CycleStopped, cycleHandler, type CycleOutcome } from '../jobs/cycle.js';
import { startElectedSchedule } from '../jobs/leader.js';
import { createPgBossRunner } from '../jobs/pgboss-runner.js';
import { createJobRunner, type JobHandler, type JobKind, type JobRunner } from '../jobs/runner.js';
import { startSchedule } from '../jobs/schedule.js';
import { openSharedState, type SharedState } from '../store/postgres/shared-state.js';
import { connectPortal, type PortalConnection } from './connect.js';
import { oauthDeps } from './oauth.js';
import { HubSpotError } from '../hubspot/api.js';

export type Role = 'all' | 'web' | 'worker';

export interface RuntimeOptions {
  readonly config: Config;
  readonly role: Role;
  readonly log: Logger;
  /** A private-app style token for the one portal of this process (sandbox or private app). */
  readonly accessToken?: string;
  readonly baseUrl: string;
  /** The key of HubSpot's request signatures (the client secret; the sandbox's locally). */
  readonly signingSecret?: string;
  /** Run the schedule (default true); one-shot runs switch it off. */
  readonly schedule?: boolean;
  readonly onSyncProgress?: (portalId: number, p: StreamProgress) => void;
  readonly onCycle?: (portalId: number, outcome: CycleOutcome) => void;
  /** Scale-out: longest a job runs before it continues later (default 120 s; ADR 0006). */
  readonly jobSliceMs?: number;
  /** Jobs this process runs at once (default 2). */
  readonly parallelPortals?: number;
}

export interface Runtime {
  readonly store: Store;
  readonly settings: SettingsService;
  readonly attribution: AttributionService;
  readonly runner: JobRunner;
  /** The portal of the access token (private app / sandbox); undefined under OAuth. */
  readonly portalId: number | undefined;
  readonly connection: (portalId: number) => Promise<PortalConnection>;
  readonly server: { readonly url: string; readonly server: Server } | undefined;
  enqueue(portalId: number, kind: JobKind): boolean;
  close(): Promise<void>;
}

export async function createRuntime(o: RuntimeOptions): Promise<Runtime> {
  const { config, log } = o;
  const store = await openStore(config.DATABASE_URL);
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
  const connections = new Map<number, Promise<PortalConnection>>();
  let portalId: number | undefined;

  if (o.accessToken !== undefined) {
    const connect = (id?: number) =>
      connectPortal({
        baseUrl: o.baseUrl,
        tokens: staticToken(o.accessToken!),
        appType: 'private',
        ...(config.HUBSPOT_TIER === undefined ? {} : { tier: config.HUBSPOT_TIER }),
        ...(id === undefined ? {} : windows(id)),
      });
    let conn = connect();
    // The shared budget is keyed by portal, which the token's first call reveals.
    if (shared) conn = connect((await conn).portalId);
    const c = await conn;
    portalId = c.portalId;
    connections.set(c.portalId, conn);
    await store.upsertPortal(c.portalId, {
      name: `Portal ${String(c.portalId)}`,
      timeZone: c.account.timeZone,
      currency: c.account.currency,
      tier: config.HUBSPOT_TIER ?? 'starter',
      appType: 'private',
    });
  }

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
      baseUrl: o.baseUrl,
      appType: 'oauth',
      ...windows(id),
      ...(portal === undefined ? {} : { tier: portal.tier }),
      tokens: createOAuthTokenProvider({
        clientId,
        clientSecret,
        baseUrl: o.baseUrl,
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

  // The settings hook and the runner refer to each other; the hook runs only after both exist.
  const enqueue = (id: number, kind: JobKind): boolean => runner.enqueue(id, kind);

  const settings = createSettingsService({
    store,
    onChanged: (id) => {
      enqueue(id, 'recompute');
    },
    onError: (e, id) => {
      log.error({ err: e, portalId: id }, 'settings hook failed');
    },
  });
  const attribution = createAttributionService({ store, settings });
  const evaluation = createEvaluationService({ store, settings });

  const onError = (id: number, kind: JobKind, e: unknown) => {
    if (e instanceof CycleStopped) {
      // Shutdown of the in-process runner: the checkpoints keep the progress for the next run.
      log.info({ portalId: id, job: kind }, 'job stopped before its end; the next run resumes');
      return;
    }
    log.warn({ portalId: id, job: kind, err: e instanceof Error ? e.message : e }, 'job failed');
    if (needsReconnect(e)) void markNeedsReconnect(store, id, (e as Error).message);
  };
  const handler: JobHandler = cycleHandler({
    store,
    connection,
    attribution,
    settings,
    evaluation,
    syncConcurrency: config.SYNC_CONCURRENCY,
    ...(o.onSyncProgress === undefined ? {} : { onSyncProgress: o.onSyncProgress }),
    onCycle: (id, outcome) => {
      if (shared) log.info({ portalId: id, ...cycleFigures(outcome) }, 'cycle finished');
      o.onCycle?.(id, outcome);
    },
  });

  let runner: JobRunner;
  if (shared) {
    try {
      runner = await createPgBossRunner({
        connectionString: config.DATABASE_URL!,
        // pg-boss keeps its own schema next to the store's.
        schema: shared.schema === 'public' ? 'pgboss' : `${shared.schema}_pgboss`,
        shared: { cycles: shared.cycles, lockPortal: (id) => shared.lockPortal(id) },
        handler,
        work: o.role !== 'web',
        log,
        onError,
        permanent: needsReconnect,
        ...(o.jobSliceMs === undefined ? {} : { sliceMs: o.jobSliceMs }),
        ...(o.parallelPortals === undefined ? {} : { parallelPortals: o.parallelPortals }),
      });
    } catch (e) {
      await shared.close();
      await store.close();
      throw e;
    }
  } else {
    runner = createJobRunner({
      handler,
      onError,
      ...(o.parallelPortals === undefined ? {} : { parallelPortals: o.parallelPortals }),
    });
    if (o.role === 'web') {
      // A web-only process queues nothing itself; in the embedded mode the worker process syncs
      // on its own schedule, so the web role only answers HTTP.
      await runner.stop();
    }
  }
  const jobs = runner;

  // The web role never schedules; with a shared queue one elected process enqueues.
  let stopSchedule: (() => Promise<void>) | undefined;
  if (o.role !== 'web' && o.schedule !== false) {
    if (shared) {
      const sharedState = shared;
      const elected = startElectedSchedule({
        schedule: startSchedule({ store, settings, runner: jobs, log, cron: false }),
        tryLead: (onLost) => sharedState.lockScheduler(onLost),
        log,
      });
      stopSchedule = () => elected.stop();
    } else {
      const schedule = startSchedule({ store, settings, runner: jobs, log });
      stopSchedule = () => {
        schedule.stop();
        return Promise.resolve();
      };
    }
  }

  let server: Runtime['server'];
  if (o.role !== 'worker') {
    const status = createStatusService({
      store,
      settings,
      lastCycle: (id) => jobs.lastCycle(id),
    });
    const app = createServer({
      store,
      log,
      signingSecret: o.signingSecret ?? config.HUBSPOT_CLIENT_SECRET,
      publicOrigin: config.PUBLIC_URL,
      // OAuth mode: the install flow; a newly connected portal starts with a full sync.
      oauth: oauthDeps(config, (id) => {
        enqueue(id, 'reconcile');
      }),
      api: {
        attribution,
        settings,
        status,
        channelPreview: createChannelPreviewService({ store, settings }),
        evaluation: createEvaluationReadService({
          store,
          onUnreadable: (id, problem) => {
            log.warn(
              { portalId: id, problem },
              'stored model evaluation does not match the contract',
            );
          },
        }),
        requestRecompute: (id) => {
          enqueue(id, 'recompute');
        },
      },
      enqueueChanges: (id, hints: readonly ChangeHint[]) => {
        // Webhooks are hints: the incremental sync reads what changed. One queued sync covers
        // any number of hints that arrive before it starts.
        if (hints.length > 0) enqueue(id, 'sync');
        return Promise.resolve();
      },
    });
    server = await listen(app, config.PORT);
  }

  return {
    store,
    settings,
    attribution,
    runner: jobs,
    portalId,
    connection,
    server,
    enqueue,
    async close() {
      await stopSchedule?.();
      await jobs.stop();
      if (server)
        await new Promise<void>((resolve) => {
          server.server.close(() => {
            resolve();
          });
          server.server.closeAllConnections();
        });
      await shared?.close();
      await store.close();
    },
  };
}

const needsReconnect = (e: unknown): boolean =>
  e instanceof HubSpotError && e.kind === 'needs_reconnect';

/** What a cycle did, in numbers, for the worker's log line. */
function cycleFigures(outcome: CycleOutcome) {
  return {
    ...(outcome.sync === undefined
      ? {}
      : { synced: outcome.sync.ok, apiCalls: outcome.sync.apiCalls }),
    ...(outcome.attribution === undefined
      ? {}
      : { dealsAttributed: outcome.attribution.deals.attributed }),
    ...(outcome.writeback === undefined
      ? {}
      : { written: outcome.writeback.written, writeFailed: outcome.writeback.failed }),
    ...(outcome.evaluation === undefined
      ? {}
      : 'error' in outcome.evaluation
        ? { evaluationError: outcome.evaluation.error }
        : { evaluated: outcome.evaluation.recommended, evaluationMs: outcome.evaluation.ms }),
  };
}
