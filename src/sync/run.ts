// One sync run of one portal: every selected stream (several at once, all drawing on the portal's
// one rate budget), then the touchpoints that need more than one stream (email clicks are matched
// to contacts by address). Each stream's outcome — records, calls, the error that stopped it — is
// stored for the status page; one stream's failure never stops the others.

import type { CompiledRules } from '../channels/index.js';
import { HubSpotError, type ApiStats } from '../hubspot/index.js';
import type { RecordType, Store } from '../store/index.js';
import { deriveEmailClicks, contactEmailIndex } from './apply.js';
import { CheckpointConflict, StreamCheckpoint } from './checkpoint.js';
import type { StreamContext, StreamProgress, SyncLogger, SyncReaders } from './context.js';
import { runCrmStream } from './crm-stream.js';
import { runEmailEvents, runMarketingEvents, runPipelines } from './marketing-streams.js';
import { selectStreams, type Stream, type StreamSelection } from './streams.js';
import { TouchpointDeriver } from './touchpoints.js';

export interface SyncOptions {
  readonly store: Store;
  readonly portalId: number;
  /** Readers whose calls are counted under `label` (the stream name). */
  readonly readers: (label: string) => SyncReaders;
  /** The portal's API statistics (calls, 429s) — shared by every stream. */
  readonly apiStats: () => ApiStats;
  readonly rules: CompiledRules;
  /** Re-list everything (reconcile) even when an incremental run would do. */
  readonly full?: boolean;
  /** Streams read at the same time (default 3); they share one rate budget. */
  readonly concurrency?: number;
  readonly streams?: StreamSelection;
  readonly signal?: AbortSignal;
  readonly log?: SyncLogger;
  readonly onProgress?: (p: StreamProgress) => void;
  /** Incremental windows reach back this far (search-index lag; default 5 minutes). */
  readonly overlapMs?: number;
  /** A full re-list is due after this long (default 7 days). */
  readonly reconcileAfterMs?: number;
  readonly now?: () => number;
}

export type StreamResult =
  | {
      readonly status: 'ok';
      readonly mode: 'full' | 'incremental';
      readonly fetched: number;
      readonly malformed: number;
      readonly records: number;
      readonly apiCalls: number;
    }
  | {
      readonly status: 'skipped' | 'failed' | 'stopped';
      readonly error: { readonly kind: string; readonly message: string };
      readonly fetched: number;
      readonly records: number;
      readonly apiCalls: number;
    };

export interface SyncSummary {
  readonly portalId: number;
  readonly streams: Readonly<Record<string, StreamResult>>;
  readonly apiCalls: number;
  readonly rateLimited: number;
  readonly durationMs: number;
  /** True when every stream finished (skipped optional streams count as finished). */
  readonly ok: boolean;
}

const SILENT: SyncLogger = { info: () => undefined, warn: () => undefined };

/** The store's record type whose live count is a stream's `records`. */
const COUNTED: Readonly<Record<string, RecordType>> = {
  marketing_event_participations: 'marketing_event_participations',
};

export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  const started = Date.now();
  const now = options.now ?? Date.now;
  const log = options.log ?? SILENT;
  const { store, portalId } = options;
  const statsBefore = options.apiStats();
  const streams = selectStreams(options.streams);
  const deriver = new TouchpointDeriver(options.rules);
  const fetchedSoFar = new Map<string, number>();

  const contextFor = (stream: Stream): StreamContext => {
    const readers = options.readers(stream.name);
    return {
      store,
      portalId,
      readers,
      deriver,
      log,
      progress: (p) => {
        fetchedSoFar.set(p.stream, p.fetched);
        options.onProgress?.(p);
      },
      signal: options.signal,
      overlapMs: options.overlapMs ?? 5 * 60_000,
      reconcileAfterMs: options.reconcileAfterMs ?? 7 * 86_400_000,
      now,
    };
  };

  const results = new Map<string, StreamResult>();
  const runOne = async (stream: Stream): Promise<void> => {
    const ctx = contextFor(stream);
    const full = options.full === true;
    try {
      const outcome =
        stream.kind === 'crm'
          ? await runCrmStream(ctx, stream, { full })
          : stream.kind === 'pipelines'
            ? { fetched: await runPipelines(ctx), malformed: 0, mode: 'full' as const }
            : stream.kind === 'email_events'
              ? await runEmailEvents(ctx, { full })
              : await runMarketingEvents(ctx);
      const stopped = options.signal?.aborted === true;
      results.set(
        stream.name,
        stopped
          ? {
              status: 'stopped',
              error: { kind: 'stopped', message: 'stopped before the end; the next run resumes' },
              fetched: outcome.fetched,
              records: 0,
              apiCalls: ctx.readers.calls(),
            }
          : { status: 'ok', ...outcome, records: 0, apiCalls: ctx.readers.calls() },
      );
      if (outcome.malformed > 0)
        log.warn('malformed records skipped', { stream: stream.name, count: outcome.malformed });
      options.onProgress?.({
        stream: stream.name,
        phase: 'done',
        fetched: outcome.fetched,
        apiCalls: ctx.readers.calls(),
      });
    } catch (e) {
      const error = describe(e);
      const optionalScope =
        stream.kind !== 'crm' &&
        stream.kind !== 'pipelines' &&
        e instanceof HubSpotError &&
        e.kind === 'missing_scope';
      results.set(stream.name, {
        status: optionalScope ? 'skipped' : 'failed',
        error,
        fetched: fetchedSoFar.get(stream.name) ?? 0,
        records: 0,
        apiCalls: ctx.readers.calls(),
      });
      if (optionalScope) log.info('stream skipped', { stream: stream.name, ...error });
      else log.warn('stream failed', { stream: stream.name, ...error });
      options.onProgress?.({
        stream: stream.name,
        phase: 'failed',
        fetched: fetchedSoFar.get(stream.name) ?? 0,
        apiCalls: ctx.readers.calls(),
        error: error.message,
      });
      if (e instanceof HubSpotError && e.kind === 'not_found') {
        // What the cursor pointed at is gone (a deleted event, an expired paging token): the
        // stream starts over with a full read next run, which re-lists everything it holds.
        await resetStream(store, portalId, stream.name);
        log.warn('stream reset: the next run re-reads it in full', { stream: stream.name });
      }
      if (!(e instanceof HubSpotError) && !(e instanceof CheckpointConflict)) {
        // A bug or a store fault: still recorded per stream, and logged with its stack.
        log.warn('unexpected error', { stream: stream.name, stack: (e as Error).stack });
      }
    }
  };

  await pool(streams, Math.max(1, options.concurrency ?? 3), runOne);

  // Email clicks need contacts (matched by address): derive them once everything is read.
  const email = results.get('email_events');
  if (email?.status === 'ok' && options.signal?.aborted !== true)
    await deriveAllEmailClicks(contextFor(streams.find((s) => s.name === 'email_events')!));

  const counts = await store.countRecords(portalId);
  const at = now();
  const final: Record<string, StreamResult> = {};
  for (const stream of streams) {
    const r = results.get(stream.name);
    if (!r) continue;
    const records = counts[COUNTED[stream.name] ?? stream.name];
    final[stream.name] = { ...r, records };
    await store.saveStreamStatus(portalId, {
      stream: stream.name,
      records,
      apiCalls: r.apiCalls,
      lastError: r.status === 'ok' ? null : { ...r.error, at },
      lastRunAt: at,
    });
  }
  const statsAfter = options.apiStats();
  return {
    portalId,
    streams: final,
    apiCalls: statsAfter.calls - statsBefore.calls,
    rateLimited: statsAfter.rateLimited - statsBefore.rateLimited,
    durationMs: Date.now() - started,
    ok: Object.values(final).every((r) => r.status === 'ok' || r.status === 'skipped'),
  };
}

async function resetStream(store: Store, portalId: number, stream: string): Promise<void> {
  const cp = await StreamCheckpoint.load(store, portalId, stream);
  if (cp.cursor === undefined) return;
  await cp.save(null, 'full', cp.lastFullSyncAt).catch(() => undefined); // a racing runner wins
}

async function deriveAllEmailClicks(ctx: StreamContext): Promise<void> {
  ctx.progress({
    stream: 'email_events',
    phase: 'derive',
    fetched: 0,
    apiCalls: ctx.readers.calls(),
  });
  const index = await contactEmailIndex(ctx);
  for await (const page of ctx.store.iterateRecords(ctx.portalId, 'email_events', {
    pageSize: 2000,
  }))
    await deriveEmailClicks(ctx, page, index);
}

function describe(e: unknown): { kind: string; message: string } {
  if (e instanceof HubSpotError) {
    const scopes = e.details.scopes?.length ? ` (scopes: ${e.details.scopes.join(', ')})` : '';
    return { kind: e.kind, message: e.message + scopes };
  }
  if (e instanceof CheckpointConflict)
    return { kind: 'concurrent_run', message: `another sync advanced this stream: ${e.message}` };
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/** Runs `fn` over `items` with at most `limit` in flight, in order of start. */
async function pool<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
