// Streams outside the CRM object endpoints: deal pipelines (one call), marketing email events
// (legacy v1 API, paged by offset, incremental by start timestamp) and marketing event
// participations (per event; HubSpot has no last-modified cursor for them, so every run re-reads
// them and unchanged ones are skipped by content hash). Same checkpoint discipline as CRM streams.

import { z } from 'zod';
import type { JsonValue, RecordInput } from '../store/index.js';
import { deriveParticipations } from './apply.js';
import { StreamCheckpoint } from './checkpoint.js';
import type { EmailEvent } from '../hubspot/index.js';
import type { Participation } from '../hubspot/index.js';
import type { StreamContext } from './context.js';

export async function runPipelines(ctx: StreamContext): Promise<number> {
  const pipelines = await ctx.readers.pipelines();
  const records: RecordInput[] = pipelines.map((p) => ({
    id: p.id,
    properties: {
      label: p.label,
      objectType: 'deals',
      displayOrder: p.displayOrder,
      stages: p.stages.map((s) => ({
        id: s.id,
        label: s.label,
        displayOrder: s.displayOrder,
        metadata: { ...s.metadata },
      })),
    },
    updatedAt: 0,
  }));
  await ctx.store.upsertRecords(ctx.portalId, 'pipelines', records);
  const live = new Set(records.map((r) => r.id));
  const gone: string[] = [];
  for await (const page of ctx.store.iterateRecords(ctx.portalId, 'pipelines'))
    for (const r of page) if (!live.has(r.id)) gone.push(r.id);
  if (gone.length > 0) await ctx.store.setArchived(ctx.portalId, 'pipelines', gone, true);
  // One call reads everything: every run is a complete (full) read of the stream.
  const cp = await StreamCheckpoint.load(ctx.store, ctx.portalId, 'pipelines');
  await cp.save({ step: 'idle' }, 'full', ctx.now());
  ctx.progress({
    stream: 'pipelines',
    phase: 'full',
    fetched: records.length,
    apiCalls: ctx.readers.calls(),
  });
  return records.length;
}

const emailCursor = z.discriminatedUnion('step', [
  z.object({
    step: z.literal('read'),
    offset: z.string().nullable(),
    since: z.number(),
    newest: z.number(),
  }),
  z.object({ step: z.literal('idle'), since: z.number() }),
]);

/** Only clicks are touches; reading only them keeps the stream a fraction of all email events. */
const EMAIL_EVENT_TYPE = 'CLICK';

export async function runEmailEvents(
  ctx: StreamContext,
  options: { readonly full: boolean },
): Promise<{ fetched: number; malformed: number; mode: 'full' | 'incremental' }> {
  const cp = await StreamCheckpoint.load(ctx.store, ctx.portalId, 'email_events');
  const parsed = emailCursor.safeParse(cp.cursor);
  const saved = parsed.success ? parsed.data : undefined;
  let mode: 'full' | 'incremental' = cp.phase ?? 'full';
  let cursor: z.infer<typeof emailCursor>;
  if (saved === undefined || (saved.step === 'idle' && options.full)) {
    mode = 'full';
    cursor = { step: 'read', offset: null, since: 0, newest: 0 };
    await cp.save(cursor, mode);
  } else if (saved.step === 'idle') {
    mode = 'incremental';
    cursor = { step: 'read', offset: null, since: saved.since, newest: saved.since };
    await cp.save(cursor, mode);
  } else cursor = saved;
  let fetched = 0;
  let malformed = 0;
  while (cursor.step === 'read') {
    if (ctx.signal?.aborted === true) break;
    const page = await ctx.readers.emailEvents({
      offset: cursor.offset ?? undefined,
      startTimestamp: cursor.since,
      eventType: EMAIL_EVENT_TYPE,
    });
    await ctx.store.upsertRecords(ctx.portalId, 'email_events', page.items.map(emailRecord));
    fetched += page.items.length;
    malformed += page.malformed;
    const newest: number = page.items.reduce((m, e) => Math.max(m, e.created), cursor.newest);
    const next: z.infer<typeof emailCursor> =
      page.next === undefined
        ? ({ step: 'idle', since: Math.max(0, newest - ctx.overlapMs) } as const)
        : ({ step: 'read', offset: page.next, since: cursor.since, newest } as const);
    await cp.save(next, mode, next.step === 'idle' && mode === 'full' ? ctx.now() : undefined);
    cursor = next;
    ctx.progress({ stream: 'email_events', phase: mode, fetched, apiCalls: ctx.readers.calls() });
  }
  return { fetched, malformed, mode };
}

function emailRecord(e: EmailEvent): RecordInput {
  const properties: Record<string, JsonValue> = {
    created: e.created,
    type: e.type,
    recipient: e.recipient.toLowerCase(),
  };
  if (e.emailCampaignId !== undefined) properties['emailCampaignId'] = e.emailCampaignId;
  if (e.url !== undefined) properties['url'] = e.url;
  return { id: e.id, properties, createdAt: e.created, updatedAt: e.created };
}

const eventsCursor = z.discriminatedUnion('step', [
  z.object({ step: z.literal('events'), after: z.string().nullable() }),
  z.object({
    step: z.literal('participations'),
    eventIds: z.array(z.string()),
    index: z.number().int().nonnegative(),
    after: z.string().nullable(),
  }),
  z.object({ step: z.literal('idle') }),
]);
type EventsCursor = z.infer<typeof eventsCursor>;

export async function runMarketingEvents(
  ctx: StreamContext,
): Promise<{ fetched: number; malformed: number; mode: 'full' }> {
  const cp = await StreamCheckpoint.load(ctx.store, ctx.portalId, 'marketing_event_participations');
  const parsed = eventsCursor.safeParse(cp.cursor);
  let cursor: EventsCursor =
    parsed.success && parsed.data.step !== 'idle' ? parsed.data : { step: 'events', after: null };
  let fetched = 0;
  let malformed = 0;
  while (cursor.step !== 'idle') {
    if (ctx.signal?.aborted === true) break;
    let next: EventsCursor;
    if (cursor.step === 'events') {
      const page = await ctx.readers.marketingEvents(cursor.after ?? undefined);
      malformed += page.malformed;
      await ctx.store.upsertRecords(
        ctx.portalId,
        'marketing_events',
        page.items.map((e) => ({
          id: e.id,
          properties: {
            name: e.name,
            ...(e.eventType === undefined ? {} : { eventType: e.eventType }),
          },
          updatedAt: e.updatedAt ?? 0,
        })),
      );
      next =
        page.next !== undefined
          ? { step: 'events', after: page.next }
          : { step: 'participations', eventIds: await storedEventIds(ctx), index: 0, after: null };
    } else {
      const eventId = cursor.eventIds[cursor.index];
      if (eventId === undefined) next = { step: 'idle' };
      else {
        const page = await ctx.readers.participations(eventId, cursor.after ?? undefined);
        malformed += page.malformed;
        const event = await storedEvent(ctx, eventId);
        const records = page.items.map((p) => participationRecord(p, event));
        await ctx.store.upsertRecords(ctx.portalId, 'marketing_event_participations', records);
        await deriveParticipations(ctx, records);
        fetched += records.length;
        next =
          page.next !== undefined
            ? { ...cursor, after: page.next }
            : { ...cursor, index: cursor.index + 1, after: null };
      }
    }
    await cp.save(next, 'full', next.step === 'idle' ? ctx.now() : undefined);
    cursor = next;
    ctx.progress({
      stream: 'marketing_event_participations',
      phase: 'full',
      fetched,
      apiCalls: ctx.readers.calls(),
    });
  }
  return { fetched, malformed, mode: 'full' };
}

/** Every stored event (all were upserted before the checkpoint left the listing step). */
async function storedEventIds(ctx: StreamContext): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of ctx.store.iterateRecords(ctx.portalId, 'marketing_events'))
    ids.push(...page.map((r) => r.id));
  return ids;
}

interface EventFacts {
  readonly name?: string;
  readonly eventType?: string;
}

/** The stored event's name and type (the event list was read before its participations). */
async function storedEvent(ctx: StreamContext, eventId: string): Promise<EventFacts> {
  const [event] = await ctx.store.getRecords(ctx.portalId, 'marketing_events', [eventId]);
  const text = (v: JsonValue | undefined) => (typeof v === 'string' && v !== '' ? v : undefined);
  const name = text(event?.properties['name']);
  const eventType = text(event?.properties['eventType']);
  return {
    ...(name === undefined ? {} : { name }),
    ...(eventType === undefined ? {} : { eventType }),
  };
}

/**
 * A participation as stored, with its event's type: a participation alone does not say whether
 * it was a webinar or a conference (hubspot-behavior.md #29), and the touch derived from it, now or
 * when a merge re-derives it later, is classified by that type.
 */
function participationRecord(p: Participation, event: EventFacts): RecordInput {
  const properties: Record<string, JsonValue> = {
    contactId: p.contactId,
    eventId: p.eventId,
    attendanceState: p.attendanceState,
  };
  const eventName = p.eventName ?? event.name;
  if (eventName !== undefined) properties['eventName'] = eventName;
  if (event.eventType !== undefined) properties['eventType'] = event.eventType;
  if (p.occurredAt !== undefined) properties['occurredAt'] = p.occurredAt;
  if (p.createdAt !== undefined) properties['createdAt'] = p.createdAt;
  return {
    id: p.id,
    properties,
    ...(p.createdAt === undefined ? {} : { createdAt: p.createdAt }),
    updatedAt: p.occurredAt ?? p.createdAt ?? 0,
  };
}
