// POST /webhooks/hubspot: HubSpot's change notifications (HUBSPOT.md §5). Each delivery is a JSON
// array of ≤ 100 events, possibly repeated (retries) and out of order. We verify the signature,
// validate the whole array (one bad event → 400 and nothing queued), drop events already seen
// (by eventId, per portal), turn the rest into change hints for the jobs layer, which coalesces
// them into targeted re-syncs, and answer at once: the re-sync itself runs later.
//
// Webhooks are hints, not the record of truth: a change whose hint is lost (say the queue was
// down after the ids were marked seen) is still picked up by the next incremental sync.

import { Router } from 'express';
import { z } from 'zod';
import {
  HINT_KINDS,
  type CrmObjectType,
  type HintKind,
  type Portals,
} from '../../usecases/index.js';
import type { Logger } from '../logger.js';
import { sendError } from '../middleware/errors.js';
import { requestLog } from '../middleware/request-context.js';
import { verifySignature, type SignatureOptions } from '../middleware/signature.js';

export type ChangeKind = HintKind;

/** "Something about this record changed": what the jobs layer re-reads. */
export interface ChangeHint {
  readonly objectType: CrmObjectType;
  readonly objectId: string;
  readonly kind: ChangeKind;
  /** ms; lets the consumer order hints that arrived out of order. */
  readonly occurredAt: number;
  readonly propertyName?: string;
  /** merge: the ids that no longer exist (they resolve to objectId). */
  readonly mergedIds?: readonly string[];
}

export type EnqueueChanges = (portalId: number, changes: readonly ChangeHint[]) => Promise<void>;

export interface WebhookDeps {
  readonly portals: Pick<Portals, 'markWebhookEvents'>;
  readonly enqueueChanges: EnqueueChanges;
  readonly signature: SignatureOptions;
  readonly log: Logger;
}

/** Our own write-back properties: their change events are echoes of our writes, not news. */
export const SELF_PROPERTY_PREFIX = 'attribution_';

const OBJECT_TYPE_IDS: Readonly<Record<string, CrmObjectType>> = {
  '0-1': 'contacts',
  '0-2': 'companies',
  '0-3': 'deals',
  '0-48': 'calls',
  '0-49': 'emails',
  '0-47': 'meetings',
  '0-46': 'notes',
  '0-27': 'tasks',
  '0-18': 'communications',
};
/** Legacy subscription types name the object: `contact.propertyChange`. */
const LEGACY_TYPES: Readonly<Record<string, CrmObjectType>> = {
  contact: 'contacts',
  company: 'companies',
  deal: 'deals',
};
const KINDS: ReadonlySet<string> = new Set<ChangeKind>(HINT_KINDS);

/** Ids are numbers on the wire; accept numeric strings too, and normalise to strings once. */
const Id = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)])
  .transform((v) => String(v));

// Plain objects, not strict: HubSpot adds event fields without notice (changeFlag, sourceId,
// isSensitive…), and a 400 is never redelivered, so rejecting unknown fields would lose changes.
const Event = z
  .object({
    eventId: Id,
    portalId: z.number().int().positive(),
    occurredAt: z.number().int().nonnegative(),
    subscriptionType: z.string().regex(/^\w+\.\w+$/, 'expected "<object>.<kind>"'),
    attemptNumber: z.number().int().nonnegative().optional(),
    objectId: Id.optional(),
    objectTypeId: z.string().optional(),
    propertyName: z.string().optional(),
    primaryObjectId: Id.optional(),
    mergedObjectIds: z.array(Id).optional(),
    newObjectId: Id.optional(),
    fromObjectId: Id.optional(),
    toObjectId: Id.optional(),
    fromObjectTypeId: z.string().optional(),
    toObjectTypeId: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    const kind = e.subscriptionType.split('.')[1];
    const need = (field: keyof typeof e) => {
      if (e[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: 'required' });
    };
    if (kind === 'associationChange') {
      need('fromObjectId');
      need('toObjectId');
    } else if (kind === 'merge') {
      if (e.newObjectId === undefined && e.primaryObjectId === undefined) need('objectId');
      need('mergedObjectIds');
    } else {
      need('objectId');
      if (kind === 'propertyChange') need('propertyName');
    }
  });
/** One delivery: HubSpot sends ≤ 100 events; the cap only bounds the work of a forged body. */
export const WebhookEvents = z.array(Event).max(1000);
export type WebhookEvent = z.output<typeof Event>;

const typeOf = (objectTypeId: string | undefined, subscriptionType: string) =>
  objectTypeId === undefined
    ? LEGACY_TYPES[subscriptionType.split('.')[0] ?? '']
    : OBJECT_TYPE_IDS[objectTypeId];

/** The hints one event yields: none for types we do not sync and for our own write-backs. */
export function hintsOf(e: WebhookEvent): ChangeHint[] {
  const kind = e.subscriptionType.split('.')[1] ?? '';
  if (!KINDS.has(kind)) return [];
  const base = { kind: kind as ChangeKind, occurredAt: e.occurredAt };
  if (kind === 'associationChange') {
    // Both ends: each record's association list changed.
    const ends: [string | undefined, string | undefined][] = [
      [e.fromObjectTypeId, e.fromObjectId],
      [e.toObjectTypeId, e.toObjectId],
    ];
    return ends.flatMap(([typeId, id]) => {
      const objectType = typeId === undefined ? undefined : OBJECT_TYPE_IDS[typeId];
      return objectType === undefined || id === undefined
        ? []
        : [{ ...base, objectType, objectId: id }];
    });
  }
  const objectType = typeOf(e.objectTypeId, e.subscriptionType);
  if (objectType === undefined) return [];
  if (kind === 'propertyChange') {
    const propertyName = e.propertyName ?? '';
    if (propertyName.startsWith(SELF_PROPERTY_PREFIX)) return [];
    return [{ ...base, objectType, objectId: e.objectId ?? '', propertyName }];
  }
  if (kind === 'merge') {
    const survivor = e.newObjectId ?? e.primaryObjectId ?? e.objectId ?? '';
    // A merge may mint a new id: then the primary is gone too.
    const gone = [...(e.mergedObjectIds ?? []), e.primaryObjectId, e.objectId].filter(
      (id): id is string => id !== undefined && id !== survivor,
    );
    return [{ ...base, objectType, objectId: survivor, mergedIds: [...new Set(gone)] }];
  }
  return [{ ...base, objectType, objectId: e.objectId ?? '' }];
}

export function webhookRoutes(deps: WebhookDeps): Router {
  const r = Router();
  r.post(
    '/webhooks/hubspot',
    verifySignature({ ...deps.signature, allowLegacy: true }),
    async (req, res) => {
      const parsed = WebhookEvents.safeParse(req.body);
      if (!parsed.success) {
        const errors = parsed.error.issues.slice(0, 20).map((i) => ({
          field: ['body', ...i.path].join('.'),
          message: i.message,
        }));
        sendError(
          res,
          400,
          `Invalid webhook payload: ${errors[0]?.field ?? 'body'}: ${errors[0]?.message ?? 'expected an array of events'}`,
          errors,
        );
        return;
      }
      const byPortal = new Map<number, WebhookEvent[]>();
      for (const e of parsed.data) {
        const list = byPortal.get(e.portalId) ?? [];
        list.push(e);
        byPortal.set(e.portalId, list);
      }
      let queued = 0;
      let duplicates = 0;
      for (const [portalId, events] of byPortal) {
        const fresh = new Set(
          await deps.portals.markWebhookEvents(
            portalId,
            events.map((e) => e.eventId),
          ),
        );
        const changes: ChangeHint[] = [];
        for (const e of events) {
          // delete: an id repeated inside one delivery counts once.
          if (fresh.delete(e.eventId)) changes.push(...hintsOf(e));
          else duplicates++;
        }
        if (changes.length > 0) await deps.enqueueChanges(portalId, changes);
        queued += changes.length;
      }
      requestLog(res, deps.log).debug(
        { events: parsed.data.length, queued, duplicates },
        'webhook delivery',
      );
      res.status(200).json({ status: 'ok', received: parsed.data.length, queued, duplicates });
    },
  );
  return r;
}
