// The running app of `start`: the composed app (compose.ts: store, connections, services,
// use-cases) plus the job runner, the schedule and the HTTP server.
//
// Roles: `web` serves HTTP only (jobs it asks for are queued for workers — in this embedded
// mode, run by the same process when it also has the worker role), `worker` runs jobs only,
// `all` (default) does both.
//
// The store decides the job machinery (ADR 0006): SQLite → the in-process runner and schedule;
// PostgreSQL → pg-boss on the same database and an elected scheduler; the composed app keeps each
// portal's rate budget and last cycle in PostgreSQL so that every worker process shares them.

import type { Server } from 'node:http';
import type { Config } from '../config.js';
import { HubSpotError } from '../hubspot/index.js';
import {
  CycleStopped,
  cycleHandler,
  createJobRunner,
  createPgBossRunner,
  startElectedSchedule,
  startSchedule,
  type CycleOutcome,
  type JobHandler,
  type JobKind,
  type JobRunner,
} from '../jobs/index.js';
import { listen, type ChangeHint, type Logger } from '../server/index.js';
import type { Store } from '../store/index.js';
import type { PortalConnection, StreamProgress, UseCases } from '../usecases/index.js';
import { composeApp } from './compose.js';
import { appServer } from './http.js';

export type Role = 'all' | 'web' | 'worker';

export interface RuntimeOptions {
  /** HUBSPOT_ACCESS_TOKEN: the one portal of this process (a private app, or a local sandbox);
   *  HUBSPOT_CLIENT_SECRET: the key of HubSpot's request signatures. */
  readonly config: Config;
  readonly role: Role;
  readonly log: Logger;
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
  /** The store itself, for tests that check what a cycle left in it. */
  readonly store: Store;
  readonly usecases: UseCases;
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
  // The settings hook, the install hook and the status page refer to the runner, which needs the
  // use-cases first: they run only after both exist.
  const enqueue = (id: number, kind: JobKind): boolean => runner.enqueue(id, kind);
  const app = await composeApp({
    config,
    warn: (fields, message) => {
      log.warn(fields, message);
    },
    onSettingsChanged: (id) => {
      enqueue(id, 'recompute');
    },
    // OAuth mode: a newly connected portal starts with a full sync.
    onPortalConnected: (id) => {
      enqueue(id, 'reconcile');
    },
    lastCycle: (id) => runner.lastCycle(id),
  });
  const { usecases, shared } = app;
  let portalId: number | undefined;
  try {
    if (config.HUBSPOT_ACCESS_TOKEN !== undefined) portalId = (await app.privateApp()).portalId;
  } catch (e) {
    await app.close();
    throw e;
  }

  const onError = (id: number, kind: JobKind, e: unknown) => {
    if (e instanceof CycleStopped) {
      // Shutdown of the in-process runner: the checkpoints keep the progress for the next run.
      log.info({ portalId: id, job: kind }, 'job stopped before its end; the next run resumes');
      return;
    }
    log.warn({ portalId: id, job: kind, err: e instanceof Error ? e.message : e }, 'job failed');
    if (needsReconnect(e)) void usecases.portals.markNeedsReconnect(id, (e as Error).message);
  };
  const handler: JobHandler = cycleHandler({
    work: usecases,
    evaluate: true,
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
      await app.close();
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
    const scheduleOf = (cron?: false) =>
      startSchedule({
        portals: usecases.portals,
        settings: usecases.settings,
        runner: jobs,
        log,
        ...(cron === undefined ? {} : { cron }),
      });
    if (shared) {
      const sharedState = shared;
      const elected = startElectedSchedule({
        schedule: scheduleOf(false),
        tryLead: (onLost) => sharedState.lockScheduler(onLost),
        log,
      });
      stopSchedule = () => elected.stop();
    } else {
      const schedule = scheduleOf();
      stopSchedule = () => {
        schedule.stop();
        return Promise.resolve();
      };
    }
  }

  let server: Runtime['server'];
  if (o.role !== 'worker') {
    const http = appServer(app, {
      log,
      requestRecompute: (id) => {
        enqueue(id, 'recompute');
      },
      enqueueChanges: async (id, hints: readonly ChangeHint[]) => {
        // Webhooks are hints: kept in the store, then a refresh reads just those records,
        // recomputes the deals they affect and writes back only those (ADR 0008). One queued job
        // covers any number of hints that arrive before it starts.
        if (hints.length === 0) return;
        await usecases.portals.noteChanges(
          id,
          hints.map((h) => ({
            objectType: h.objectType,
            objectId: h.objectId,
            kind: h.kind,
            occurredAt: h.occurredAt,
            ...(h.mergedIds === undefined ? {} : { mergedIds: h.mergedIds }),
          })),
        );
        enqueue(id, 'refresh');
      },
    });
    server = await listen(http, config.PORT);
  }

  return {
    store: app.store,
    usecases,
    runner: jobs,
    portalId,
    connection: app.connection,
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
      await app.close();
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
