// Marketing sources (HUBSPOT.md §5): legacy email events v1 (scope `content`, offset paging with
// hasMore), marketing events v3 and their participations per contact or per event (scope
// crm.objects.marketing_events.read) and web-analytics events v3 — Enterprise only: other tiers
// get 403 (our choice for an undocumented error; category FORBIDDEN, like HubSpot's tier-gated
// endpoints).

import { Router, type Request, type Response } from 'express';
import { resolveId, type CrmRecord, type Participation } from '../portal.js';
import type { Deps } from './deps.js';
import { badRequest, send, sendError } from './errors.js';
import { createMarketingEventIndex } from './marketing-events.js';
import { text } from './serialize.js';

const intParam = (
  req: Request,
  res: Response,
  name: string,
  def: number,
  min: number,
  max: number,
): number | undefined => {
  const raw = req.query[name];
  const n = raw === undefined ? def : Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    badRequest(res, `${name}: must be an integer between ${min} and ${max}`, name);
    return undefined;
  }
  return n;
};

const timeParam = (req: Request, res: Response, name: string): number | null | undefined => {
  const raw = req.query[name];
  if (raw === undefined) return null;
  const s = text(raw);
  const ms = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
  if (!Number.isFinite(ms)) {
    badRequest(res, `${name}: not a timestamp (ms or ISO 8601): ${s}`, name);
    return undefined;
  }
  return ms;
};

const offsetParam = (raw: unknown): number =>
  raw === undefined ? 0 : Number(Buffer.from(text(raw), 'base64url').toString()) || 0;
const offsetToken = (n: number): string => Buffer.from(String(n)).toString('base64url');

/** `paging` while items remain past `next`, else nothing (HubSpot omits it on the last page). */
const nextPage = (next: number, total: number) =>
  next < total ? { paging: { next: { after: offsetToken(next) } } } : {};

const count = (ps: readonly Participation[], state: Participation['attendanceState']): number =>
  ps.reduce((n, p) => n + (p.attendanceState === state ? 1 : 0), 0);

/** A participations breakdown page (the same item shape for per-contact and per-event reads). */
function sendBreakdown(
  res: Response,
  all: readonly Participation[],
  from: number,
  limit: number,
): void {
  send(res, 200, {
    total: all.length,
    results: all.slice(from, from + limit).map((p) => ({
      id: p.id,
      createdAt: new Date(p.createdAt).toISOString(),
      associations: {
        contact: { contactId: p.contactId, email: p.email },
        marketingEvent: { marketingEventId: p.marketingEventId, name: p.eventName },
      },
      properties: {
        attendanceState: p.attendanceState,
        occurredAt: p.occurredAt,
        ...(p.attendanceDurationSeconds === undefined
          ? {}
          : { attendanceDurationSeconds: p.attendanceDurationSeconds }),
      },
    })),
    ...nextPage(from + limit, all.length),
  });
}

export function marketingRoutes(deps: Deps): Router {
  const r = Router();
  const portal = deps.ctx.config.portal;
  const { api } = deps.guards;

  r.get('/email/public/v1/events', ...api(() => ['content']), (req, res) => {
    const limit = intParam(req, res, 'limit', 100, 1, 1000);
    if (limit === undefined) return;
    const start = timeParam(req, res, 'startTimestamp');
    const end = timeParam(req, res, 'endTimestamp');
    if (start === undefined || end === undefined) return;
    const { recipient, campaignId, eventType } = req.query;
    const matching = portal.emailEvents.filter(
      (e) =>
        (recipient === undefined || e.recipient === text(recipient).toLowerCase()) &&
        (campaignId === undefined || String(e.emailCampaignId) === text(campaignId)) &&
        (eventType === undefined || e.type === text(eventType).toUpperCase()) &&
        (start === null || e.created >= start) &&
        (end === null || e.created <= end),
    );
    const from = offsetParam(req.query['offset']);
    const page = matching.slice(from, from + limit);
    const hasMore = from + limit < matching.length;
    send(res, 200, {
      events: page.map((e) => ({
        id: e.id,
        created: e.created,
        type: e.type,
        recipient: e.recipient,
        emailCampaignId: e.emailCampaignId,
        portalId: e.portalId,
        filteredEvent: e.filteredEvent,
        ...(e.url === undefined ? {} : { url: e.url }),
      })),
      hasMore,
      offset: offsetToken(hasMore ? from + limit : matching.length),
    });
  });

  // Contact by id (through merges) or by email, as `contactIdentifier` takes either.
  const contactBy = (ident: string): CrmRecord | undefined =>
    ident.includes('@')
      ? [...portal.objects.contacts.values()].find(
          (c) => !c.archived && c.properties['email']?.toLowerCase() === ident.toLowerCase(),
        )
      : resolveId(portal, 'contacts', ident);
  const ofContact = (contact: CrmRecord) => (p: Participation) =>
    p.contactId === contact.id || (contact.mergedIds ?? []).includes(p.contactId);
  const events = createMarketingEventIndex(portal);
  const eventScope = api(() => ['crm.objects.marketing_events.read']);

  r.get(
    '/marketing/v3/marketing-events/participations/contacts/:contactIdentifier/breakdown',
    ...eventScope,
    (req, res) => {
      const limit = intParam(req, res, 'limit', 10, 1, 100);
      if (limit === undefined) return;
      const contact = contactBy(String(req.params['contactIdentifier']));
      const state = req.query['state'];
      const mine = contact && ofContact(contact);
      const all = mine
        ? portal.participations.filter(
            (p) => mine(p) && (state === undefined || p.attendanceState === text(state)),
          )
        : [];
      sendBreakdown(res, all, offsetParam(req.query['after']), limit);
    },
  );

  // One event's participants, so the sync reads them per event instead of per contact.
  r.get(
    '/marketing/v3/marketing-events/participations/:marketingEventId/breakdown',
    ...eventScope,
    (req, res) => {
      const limit = intParam(req, res, 'limit', 10, 1, 100);
      if (limit === undefined) return;
      const { state, contactIdentifier } = req.query;
      const contact = contactIdentifier === undefined ? null : contactBy(text(contactIdentifier));
      const mine = contact && ofContact(contact);
      const event = events().byId.get(String(req.params['marketingEventId']));
      // An unknown event or contact has no participations, like the per-contact read.
      const all =
        event && mine !== undefined
          ? event.participations.filter(
              (p) =>
                (mine === null || mine(p)) &&
                (state === undefined || p.attendanceState === text(state)),
            )
          : [];
      sendBreakdown(res, all, offsetParam(req.query['after']), limit);
    },
  );

  r.get('/marketing/v3/marketing-events', ...eventScope, (req, res) => {
    const limit = intParam(req, res, 'limit', 10, 1, 100);
    if (limit === undefined) return;
    const all = events().events;
    const from = offsetParam(req.query['after']);
    const iso = (ms: number): string => new Date(ms).toISOString();
    send(res, 200, {
      results: all.slice(from, from + limit).map((e) => ({
        objectId: e.id,
        eventName: e.name,
        ...(e.eventType === undefined ? {} : { eventType: e.eventType }),
        startDateTime: iso(e.start),
        endDateTime: iso(e.end),
        eventCompleted: e.end <= portal.now,
        eventCancelled: false,
        attendees: count(e.participations, 'ATTENDED'),
        noShows: count(e.participations, 'NO_SHOW'),
        cancellations: count(e.participations, 'CANCELLED'),
        customProperties: [],
        createdAt: iso(e.createdAt),
        updatedAt: iso(e.updatedAt),
      })),
      ...nextPage(from + limit, all.length),
    });
  });

  r.get('/events/v3/events', ...api(() => []), (req, res) => {
    if (portal.tier !== 'enterprise') {
      sendError(
        res,
        403,
        'FORBIDDEN',
        'This endpoint requires a Marketing Hub Enterprise subscription.',
        {
          context: { requiredTier: ['ENTERPRISE'] },
        },
      );
      return;
    }
    const limit = intParam(req, res, 'limit', 100, 1, 1000);
    if (limit === undefined) return;
    const after = timeParam(req, res, 'occurredAfter');
    const before = timeParam(req, res, 'occurredBefore');
    if (after === undefined || before === undefined) return;
    const { objectType, objectId, eventType } = req.query;
    if (
      objectType !== undefined &&
      text(objectType) !== 'contact' &&
      text(objectType) !== 'contacts'
    ) {
      send(res, 200, { results: [] });
      return;
    }
    const all = portal.webEvents.filter(
      (e) =>
        (objectId === undefined || e.objectId === text(objectId)) &&
        (eventType === undefined || e.eventType === text(eventType)) &&
        (after === null || e.occurredAt >= after) &&
        (before === null || e.occurredAt <= before),
    );
    const sorted = text(req.query['sort']).startsWith('-') ? [...all].reverse() : all;
    const from = offsetParam(req.query['after']);
    const page = sorted.slice(from, from + limit);
    send(res, 200, {
      results: page.map((e) => ({
        id: e.id,
        eventType: e.eventType,
        objectType: e.objectType,
        objectId: e.objectId,
        occurredAt: new Date(e.occurredAt).toISOString(),
        properties: e.properties,
      })),
      ...nextPage(from + limit, sorted.length),
    });
  });
  return r;
}
