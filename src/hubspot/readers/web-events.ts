// Web analytics events (GET /events/v3/events; Marketing Hub Enterprise only). Other tiers answer
// 403, which surfaces as HubSpotError `missing_scope` with no scopes named: the caller treats the
// stream as unavailable (hubspot-behavior.md #14).

import { z } from 'zod';
import type { HubSpotApi } from '../api.js';
import type { Page } from '../types.js';
import {
  check,
  Id,
  nextAfter,
  Paging,
  parseEnvelope,
  parseItems,
  Time,
  type ReadOptions,
} from './wire.js';

export const WEB_EVENTS_LIMIT = 100;

export interface WebEvent {
  readonly id: string;
  /** e.g. e_visited_page */
  readonly eventType: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly occurredAt: number;
  readonly properties: Readonly<Record<string, string | null>>;
}

const Input = z.object({
  objectType: z.enum(['contact', 'contacts']).optional(),
  objectId: z.string().regex(/^\d+$/, 'must be a numeric id').optional(),
  eventType: z.string().min(1).optional(),
  occurredAfter: z.number().int().nonnegative().optional(),
  occurredBefore: z.number().int().nonnegative().optional(),
  after: z.string().min(1).optional(),
  limit: z.int().min(1).max(1000).optional(),
});

export interface WebEventsOptions extends ReadOptions {
  readonly objectType?: 'contact' | 'contacts';
  readonly objectId?: string;
  readonly eventType?: string;
  /** ms since epoch */
  readonly occurredAfter?: number;
  readonly occurredBefore?: number;
  readonly after?: string | undefined;
  readonly limit?: number;
}

const Event = z.object({
  id: Id,
  eventType: z.string().min(1),
  objectType: z.string(),
  objectId: Id,
  occurredAt: Time,
  properties: z
    .record(
      z.string(),
      z
        .union([z.string(), z.number(), z.boolean(), z.null()])
        .transform((v) => (v === null ? null : String(v))),
    )
    .optional(),
});

const Body = z.object({ results: z.array(z.unknown()), paging: Paging });

export async function webEventsPage(
  api: HubSpotApi,
  options: WebEventsOptions = {},
): Promise<Page<WebEvent>> {
  const o = check(Input, { ...options, log: undefined }, 'webEventsPage');
  const iso = (ms: number | undefined) =>
    ms === undefined ? undefined : new Date(ms).toISOString();
  const res = await api.request({
    method: 'GET',
    path: '/events/v3/events',
    query: {
      objectType: o.objectType ?? 'contact',
      objectId: o.objectId,
      eventType: o.eventType,
      occurredAfter: iso(o.occurredAfter),
      occurredBefore: iso(o.occurredBefore),
      after: o.after,
      limit: o.limit ?? WEB_EVENTS_LIMIT,
    },
    label: 'web_events',
  });
  const body = parseEnvelope(res, Body, 'web events');
  const parsed = parseItems(
    body.results,
    Event,
    (e): WebEvent => ({
      id: e.id,
      eventType: e.eventType,
      objectType: e.objectType,
      objectId: e.objectId,
      occurredAt: e.occurredAt,
      properties: e.properties ?? {},
    }),
    'web_events',
    options.log,
  );
  const next = nextAfter(body.paging);
  return {
    items: parsed.items,
    malformed: parsed.malformed,
    ...(next === undefined ? {} : { next }),
  };
}
