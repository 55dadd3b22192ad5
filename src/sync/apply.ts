// Applying one page of HubSpot records to the store: records (skipping unchanged ones by content
// hash), their associations, merges, and the touchpoints derived from them. Every step replaces
// what it writes for exactly the page's ids, so applying a page twice (a crash before its
// checkpoint) leaves the store as applying it once.

import type { AssociatedId, CrmObjectType, HubSpotObject } from '../hubspot/index.js';
import type { RecordInput, RecordType, StoredRecord, TouchpointInput } from '../store/index.js';
import type { StreamContext } from './context.js';
import type { CrmStream } from './streams.js';
import { isEngagement, type EngagementType } from './touchpoints.js';

export function toRecordInput(o: HubSpotObject): RecordInput {
  return {
    id: o.id,
    properties: o.properties,
    ...(o.history === undefined ? {} : { history: o.history }),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    archived: o.archived,
    ...(o.archivedAt === undefined ? {} : { archivedAt: o.archivedAt }),
  };
}

/** `inline`: associations came with the records (list pages); `fetch`: read them through v4. */
export async function applyObjects(
  ctx: StreamContext,
  stream: CrmStream,
  items: readonly HubSpotObject[],
  associations: 'inline' | 'fetch',
): Promise<void> {
  if (items.length === 0) return;
  const { store, portalId } = ctx;
  const ids = items.map((o) => o.id);

  const assoc = new Map<CrmObjectType, Map<string, readonly AssociatedId[]>>();
  for (const toType of stream.associations) {
    const byId = new Map<string, readonly AssociatedId[]>();
    const toRead: string[] = [];
    for (const o of items) {
      const inline = o.associations?.[toType];
      if (associations === 'fetch' || inline?.truncated === true) toRead.push(o.id);
      else byId.set(o.id, inline?.ids ?? []);
    }
    if (toRead.length > 0) {
      const read = await ctx.readers.associations(stream.name, toType, toRead);
      for (const id of toRead) byId.set(id, read.get(id) ?? []);
    }
    assoc.set(toType, byId);
  }

  await store.upsertRecords(portalId, stream.name, items.map(toRecordInput));
  for (const [toType, byId] of assoc) {
    const pairs = [...byId].flatMap(([fromId, to]) =>
      to.map((a) => ({ fromId, toId: a.id, typeIds: a.typeIds })),
    );
    await store.replaceAssociations(portalId, stream.name, ids, toType, pairs);
  }

  const losers = await recordMerges(ctx, stream.name, items);

  if (stream.name === 'contacts') {
    const touches = items.flatMap((o) => ctx.deriver.contact(o));
    await store.replaceTouchpointsFor(portalId, 'contacts', ids, touches);
  } else if (isEngagement(stream.name)) {
    const contacts = assoc.get('contacts') ?? new Map<string, readonly AssociatedId[]>();
    await deriveEngagements(ctx, stream.name, items, (id) =>
      (contacts.get(id) ?? []).map((a) => a.id),
    );
  }
  if (stream.name === 'contacts' && losers.length > 0) await followContactMerges(ctx, losers);
}

/** `hs_merged_object_ids` on a survivor names the ids merged into it (HUBSPOT.md §7). */
async function recordMerges(
  ctx: StreamContext,
  type: RecordType,
  items: readonly HubSpotObject[],
): Promise<string[]> {
  const merges: { fromId: string; intoId: string }[] = [];
  for (const o of items) {
    const raw = o.properties['hs_merged_object_ids'];
    if (raw === undefined || raw === null || raw === '') continue;
    for (const id of raw.split(';')) {
      const fromId = id.trim();
      if (fromId !== '' && fromId !== o.id) merges.push({ fromId, intoId: o.id });
    }
  }
  if (merges.length === 0) return [];
  // Only merges not recorded yet: a survivor's list of merged ids is re-sent on every change.
  const known = await ctx.store.resolveIds(
    ctx.portalId,
    type,
    merges.map((m) => m.fromId),
  );
  const fresh = merges.filter((m) => known.get(m.fromId) !== m.intoId);
  if (fresh.length === 0) return [];
  await ctx.store.recordMerges(ctx.portalId, type, fresh);
  await ctx.store.setArchived(
    ctx.portalId,
    type,
    fresh.map((m) => m.fromId),
    true,
  );
  return fresh.map((m) => m.fromId);
}

async function deriveEngagements(
  ctx: StreamContext,
  type: EngagementType,
  records: readonly (HubSpotObject | StoredRecord)[],
  contactsOf: (id: string) => readonly string[],
): Promise<void> {
  const all = [...new Set(records.flatMap((r) => contactsOf(r.id)))];
  const resolved = await ctx.store.resolveIds(ctx.portalId, 'contacts', all);
  const touches: TouchpointInput[] = records.flatMap((r) =>
    ctx.deriver.engagement(
      type,
      r,
      contactsOf(r.id).map((c) => resolved.get(c) ?? c),
    ),
  );
  await ctx.store.replaceTouchpointsFor(
    ctx.portalId,
    type,
    records.map((r) => r.id),
    touches,
  );
}

/**
 * A merged contact's touches follow the survivor: its own touches are re-derived crediting the
 * survivor, and every engagement, email click or participation that named it is re-derived with
 * the survivor in its place.
 */
export async function followContactMerges(
  ctx: StreamContext,
  losers: readonly string[],
): Promise<void> {
  const { store, portalId } = ctx;
  const resolved = await store.resolveIds(portalId, 'contacts', losers);
  const own = await store.getRecords(portalId, 'contacts', losers);
  await store.replaceTouchpointsFor(
    portalId,
    'contacts',
    own.map((r) => r.id),
    own.flatMap((r) => ctx.deriver.contact(r, resolved.get(r.id) ?? r.id)),
  );
  const named = await store.touchpointsForContacts(portalId, [...losers]);
  const byOrigin = new Map<string, Set<string>>();
  for (const t of named) {
    if (t.originType === 'contacts') continue;
    let set = byOrigin.get(t.originType);
    if (!set) byOrigin.set(t.originType, (set = new Set()));
    set.add(t.originId);
  }
  for (const [originType, idSet] of byOrigin) {
    const ids = [...idSet];
    if (isEngagement(originType)) {
      const records = await store.getRecords(portalId, originType, ids);
      const pairs = await store.associationsOf(portalId, originType, ids, 'contacts');
      const contacts = new Map<string, string[]>();
      for (const p of pairs) contacts.set(p.fromId, [...(contacts.get(p.fromId) ?? []), p.toId]);
      await deriveEngagements(ctx, originType, records, (id) => contacts.get(id) ?? []);
    } else if (originType === 'marketing_event_participations') {
      const records = await store.getRecords(portalId, originType, ids);
      await deriveParticipations(ctx, records);
    } else if (originType === 'email_events') {
      const records = await store.getRecords(portalId, originType, ids);
      await deriveEmailClicks(ctx, records);
    }
  }
}

export async function deriveParticipations(
  ctx: StreamContext,
  records: readonly { id: string; properties: StoredRecord['properties'] }[],
): Promise<void> {
  const contactOf = (r: (typeof records)[number]) => {
    const c = r.properties['contactId'];
    return typeof c === 'string' || typeof c === 'number' ? String(c) : undefined;
  };
  const contactIds = [...new Set(records.map(contactOf).filter((c) => c !== undefined))];
  const resolved = await ctx.store.resolveIds(ctx.portalId, 'contacts', contactIds);
  const touches = records.flatMap((r) => {
    const c = contactOf(r);
    return c === undefined ? [] : ctx.deriver.participation(r, resolved.get(c) ?? c);
  });
  await ctx.store.replaceTouchpointsFor(
    ctx.portalId,
    'marketing_event_participations',
    records.map((r) => r.id),
    touches,
  );
}

/** Email clicks are matched to contacts by recipient address (resolved through merges). */
export async function deriveEmailClicks(
  ctx: StreamContext,
  records: readonly { id: string; properties: StoredRecord['properties'] }[],
  contactByEmail?: ReadonlyMap<string, string>,
): Promise<void> {
  const map = contactByEmail ?? (await contactEmailIndex(ctx));
  const touches = records.flatMap((r) => {
    const recipient = r.properties['recipient'];
    const contact = typeof recipient === 'string' ? map.get(recipient.toLowerCase()) : undefined;
    return contact === undefined ? [] : ctx.deriver.emailClick(r, contact);
  });
  await ctx.store.replaceTouchpointsFor(
    ctx.portalId,
    'email_events',
    records.map((r) => r.id),
    touches,
  );
}

/** Lower-cased email → live contact id, for matching email events. */
export async function contactEmailIndex(ctx: StreamContext): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for await (const page of ctx.store.iterateRecords(ctx.portalId, 'contacts', {
    pageSize: 5000,
  })) {
    for (const r of page) {
      const email = r.properties['email'];
      if (typeof email === 'string' && email !== '') map.set(email.toLowerCase(), r.id);
    }
  }
  return map;
}

/** Marks records HubSpot lists as archived; merged-away records keep their (re-homed) touches. */
export async function archiveRecords(
  ctx: StreamContext,
  type: CrmObjectType,
  items: readonly HubSpotObject[],
): Promise<void> {
  if (items.length === 0) return;
  const { store, portalId } = ctx;
  const ids = items.map((o) => o.id);
  const resolved = await store.resolveIds(portalId, type, ids);
  const deleted = ids.filter((id) => resolved.get(id) === id);
  const byTime = new Map<number | undefined, string[]>();
  for (const o of items) {
    if (!deleted.includes(o.id)) continue;
    const list = byTime.get(o.archivedAt) ?? [];
    list.push(o.id);
    byTime.set(o.archivedAt, list);
  }
  for (const [at, group] of byTime) await store.setArchived(portalId, type, group, true, at);
  if (deleted.length > 0 && (type === 'contacts' || isEngagement(type)))
    await store.replaceTouchpointsFor(portalId, type, deleted, []);
}
