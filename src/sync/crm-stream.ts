// One CRM stream (contacts, deals, calls, …): a full run through the list endpoint, or an
// incremental run through search by last-modified time, each followed by a pass over archived
// records. The cursor says which step the stream is in, so a killed run resumes where its last
// checkpoint left it:
//
//   full:        list ──▶ archived ──▶ idle
//   incremental: search ──▶ archived ──▶ idle
//
// `since` (the next incremental window's start) is the newest last-modified time HubSpot reports
// *before* a run reads anything, minus an overlap for search-index lag: a record modified while
// the run pages is newer than it and is read next time. Timestamps come from HubSpot's data, not
// our clock, so a portal whose clock differs from ours (the sandbox's simulated time) still works.

import { z } from 'zod';
import type { CrmObjectType, HubSpotObject } from '../hubspot/index.js';
import type { JsonValue } from '../store/index.js';
import { applyObjects, archiveRecords } from './apply.js';
import { StreamCheckpoint } from './checkpoint.js';
import type { StreamContext } from './context.js';
import type { CrmStream } from './streams.js';

const cursorSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('list'), after: z.string().nullable(), since: z.number() }),
  z.object({
    step: z.literal('search'),
    search: z.unknown(),
    since: z.number(),
    nextSince: z.number(),
  }),
  z.object({
    step: z.literal('archived'),
    after: z.string().nullable(),
    nextSince: z.number(),
    full: z.boolean(),
  }),
  z.object({ step: z.literal('idle'), since: z.number() }),
]);
type Cursor = z.infer<typeof cursorSchema>;

export interface StreamOutcome {
  readonly fetched: number;
  readonly malformed: number;
  readonly mode: 'full' | 'incremental';
}

export async function runCrmStream(
  ctx: StreamContext,
  stream: CrmStream,
  options: { readonly full: boolean },
): Promise<StreamOutcome> {
  const cp = await StreamCheckpoint.load(ctx.store, ctx.portalId, stream.name);
  const saved = cursorSchema.safeParse(cp.cursor);
  let cursor: Cursor | undefined = saved.success ? saved.data : undefined;
  if (cp.cursor !== undefined && !saved.success)
    ctx.log.warn('unreadable checkpoint; starting a full sync', { stream: stream.name });

  const reconcileDue =
    cp.lastFullSyncAt === null || ctx.now() - cp.lastFullSyncAt >= ctx.reconcileAfterMs;
  // A run in progress is resumed; an idle stream starts a full run when asked or due.
  let mode: 'full' | 'incremental' = cp.phase ?? 'full';
  let estimate: number | undefined;
  if (cursor === undefined || (cursor.step === 'idle' && (options.full || reconcileDue))) {
    const bounds = await ctx.readers.bounds(stream.name, stream.modifiedProperty);
    estimate = bounds.total;
    mode = 'full';
    cursor = { step: 'list', after: null, since: startOf(bounds.latest, ctx.overlapMs) };
    await cp.save(cursor, 'full');
  } else if (cursor.step === 'idle') {
    const bounds = await ctx.readers.bounds(stream.name, stream.modifiedProperty);
    mode = 'incremental';
    cursor = {
      step: 'search',
      search: null,
      since: cursor.since,
      nextSince: Math.max(cursor.since, startOf(bounds.latest, ctx.overlapMs)),
    };
    await cp.save(cursor as JsonValue, 'incremental');
  }

  let fetched = 0;
  let malformed = 0;
  const report = (phase: 'full' | 'incremental' | 'archived') => {
    ctx.progress({
      stream: stream.name,
      phase,
      fetched,
      ...(estimate === undefined ? {} : { estimate }),
      apiCalls: ctx.readers.calls(),
    });
  };
  report(mode);

  const step = async (cursor: Exclude<Cursor, { step: 'idle' }>): Promise<Cursor> => {
    switch (cursor.step) {
      case 'list': {
        const page = await ctx.readers.list(stream.name, {
          properties: stream.properties,
          history: stream.history,
          associations: stream.associations,
          archived: false,
          after: cursor.after ?? undefined,
        });
        await applyObjects(ctx, stream, page.items, 'inline');
        fetched += page.items.length;
        malformed += page.malformed;
        return page.next === undefined
          ? { step: 'archived', after: null, nextSince: cursor.since, full: true }
          : { step: 'list', after: page.next, since: cursor.since };
      }
      case 'search': {
        const page = await ctx.readers.search(
          stream.name,
          cursor.search ?? undefined,
          cursor.since,
          stream.properties,
        );
        const items = await completeSearchResults(ctx, stream, page.items);
        await applyObjects(ctx, stream, items, 'fetch');
        fetched += items.length;
        malformed += page.malformed;
        return page.next === undefined
          ? { step: 'archived', after: null, nextSince: cursor.nextSince, full: false }
          : { ...cursor, search: page.next };
      }
      case 'archived': {
        const page = await ctx.readers.list(stream.name, {
          properties: [],
          history: [],
          associations: [],
          archived: true,
          after: cursor.after ?? undefined,
        });
        await archiveRecords(ctx, stream.name, page.items);
        malformed += page.malformed;
        return page.next === undefined
          ? { step: 'idle', since: cursor.nextSince }
          : { ...cursor, after: page.next };
      }
    }
  };

  while (cursor.step !== 'idle') {
    if (ctx.signal?.aborted === true) return { fetched, malformed, mode };
    const next = await step(cursor);
    const finishedFull = next.step === 'idle' && cursor.step === 'archived' && cursor.full;
    await cp.save(next as unknown as JsonValue, mode, finishedFull ? ctx.now() : cp.lastFullSyncAt);
    cursor = next;
    if (cursor.step !== 'idle') report(cursor.step === 'archived' ? 'archived' : mode);
  }
  return { fetched, malformed, mode };
}

const startOf = (latest: number | undefined, overlapMs: number): number =>
  latest === undefined ? 0 : Math.max(0, latest - overlapMs);

/**
 * Search returns properties only: types that keep histories are re-read in batches with them,
 * and inline associations are replaced by v4 reads (marked as not inline).
 */
async function completeSearchResults(
  ctx: StreamContext,
  stream: CrmStream,
  found: readonly HubSpotObject[],
): Promise<readonly HubSpotObject[]> {
  if (found.length === 0 || stream.history.length === 0) return found;
  const ids = found.map((o) => o.id);
  const read = await ctx.readers.batchRead(stream.name, ids, {
    properties: stream.properties,
    history: stream.history,
  });
  if (read.missing.length > 0)
    ctx.log.info('records vanished between search and read', {
      stream: stream.name,
      ids: read.missing.slice(0, 20),
      count: read.missing.length,
    });
  return read.items;
}

export type { CrmObjectType };
