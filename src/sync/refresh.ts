// A targeted refresh (ADR 0008): the records webhooks named, read one by one with their
// histories and associations inline (one call each) and applied exactly as a sync page is —
// records, associations, merges, touchpoints — so the change feed shows them to the next
// recompute. A record HubSpot no longer has (deleted, merged away) is archived as a sync would.

import type { CompiledRules } from '../channels/index.js';
import type { CrmObjectType, HubSpotObject } from '../hubspot/index.js';
import type { ChangeHintRecord, Store } from '../store/index.js';
import { applyObjects, archiveRecords } from './apply.js';
import type { StreamContext, SyncLogger, SyncReaders } from './context.js';
import { CRM_STREAMS, type CrmStream } from './streams.js';
import { TouchpointDeriver } from './touchpoints.js';

export interface RefreshOptions {
  readonly store: Store;
  readonly portalId: number;
  readonly readers: SyncReaders;
  readonly rules: CompiledRules;
  readonly hints: readonly ChangeHintRecord[];
  readonly log?: SyncLogger;
  readonly now?: () => number;
}

export interface RefreshSummary {
  /** Records read from HubSpot and applied. */
  readonly read: number;
  /** Records HubSpot no longer has, archived. */
  readonly archived: number;
  /** Hints of types the app does not sync (left alone). */
  readonly ignored: number;
  readonly apiCalls: number;
}

const SILENT: SyncLogger = { info: () => undefined, warn: () => undefined };
const GONE: ReadonlySet<ChangeHintRecord['kind']> = new Set(['deletion', 'privacyDeletion']);

export async function refreshRecords(o: RefreshOptions): Promise<RefreshSummary> {
  const calls0 = o.readers.calls();
  const ctx: StreamContext = {
    store: o.store,
    portalId: o.portalId,
    readers: o.readers,
    deriver: new TouchpointDeriver(o.rules),
    log: o.log ?? SILENT,
    progress: () => undefined,
    signal: undefined,
    overlapMs: 0,
    reconcileAfterMs: Number.POSITIVE_INFINITY,
    now: o.now ?? Date.now,
  };
  const streams = new Map<string, CrmStream>(CRM_STREAMS.map((s) => [s.name, s]));
  let read = 0;
  let archived = 0;
  let ignored = 0;
  // One hint per record (the store keeps the latest); contacts first, as a sync orders streams,
  // so an engagement's touches find their contacts' merges.
  const order = (h: ChangeHintRecord): number =>
    CRM_STREAMS.findIndex((s) => s.name === h.objectType);
  for (const hint of [...o.hints].sort((a, b) => order(a) - order(b))) {
    const stream = streams.get(hint.objectType);
    if (stream === undefined) {
      ignored++;
      continue;
    }
    const type: CrmObjectType = stream.name;
    const record = GONE.has(hint.kind)
      ? undefined
      : await o.readers.get(type, hint.objectId, {
          properties: stream.properties,
          history: stream.history,
          associations: stream.associations,
        });
    if (record === undefined) {
      const [stored] = await o.store.getRecords(o.portalId, type, [hint.objectId], {
        history: false,
      });
      if (stored !== undefined && !stored.archived) {
        await archiveRecords(ctx, type, [gone(hint, stored.updatedAt)]);
        archived++;
      }
      continue;
    }
    await applyObjects(ctx, stream, [record], 'inline');
    read++;
  }
  return { read, archived, ignored, apiCalls: o.readers.calls() - calls0 };
}

/** What archiveRecords needs of a record HubSpot deleted. */
function gone(hint: ChangeHintRecord, updatedAt: number): HubSpotObject {
  return {
    id: hint.objectId,
    properties: {},
    createdAt: updatedAt,
    updatedAt,
    archived: true,
    archivedAt: hint.occurredAt,
  };
}
