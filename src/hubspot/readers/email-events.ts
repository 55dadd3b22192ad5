// Marketing email events through the legacy v1 API (HUBSPOT.md §5; Marketing Hub, scope
// `content`): offset paging while `hasMore`. The `offset` is opaque and only valid with the same
// filters, so the sync keeps the filters fixed for a run.

import { z } from 'zod';
import type { HubSpotApi } from '../api.js';
import type { Page } from '../types.js';
import { check, Id, parseEnvelope, parseItems, type ReadOptions } from './wire.js';

export interface EmailEvent {
  readonly id: string;
  /** ms since epoch */
  readonly created: number;
  /** SENT, DELIVERED, OPEN, CLICK, … */
  readonly type: string;
  readonly recipient: string;
  readonly emailCampaignId?: string;
  readonly url?: string;
  readonly filteredEvent?: boolean;
}

export const EMAIL_EVENTS_LIMIT = 1000;

const Input = z.object({
  offset: z.string().min(1).optional(),
  startTimestamp: z.number().int().nonnegative().optional(),
  endTimestamp: z.number().int().nonnegative().optional(),
  eventType: z
    .string()
    .regex(/^[A-Z]+$/, 'must be an upper-case event type such as CLICK')
    .optional(),
  limit: z.int().min(1).max(EMAIL_EVENTS_LIMIT).optional(),
});

export interface EmailEventsOptions extends ReadOptions {
  readonly offset?: string | undefined;
  readonly startTimestamp?: number;
  readonly endTimestamp?: number;
  readonly eventType?: string;
  readonly limit?: number;
}

const Event = z.object({
  id: Id,
  created: z.number(),
  type: z.string().min(1),
  recipient: z.string(),
  emailCampaignId: Id.optional(),
  url: z.string().optional(),
  filteredEvent: z.boolean().optional(),
});

const Body = z.object({
  events: z.array(z.unknown()),
  hasMore: z.boolean(),
  offset: z.string().optional(),
});

export async function emailEventsPage(
  api: HubSpotApi,
  options: EmailEventsOptions = {},
): Promise<Page<EmailEvent>> {
  const o = check(Input, { ...options, log: undefined }, 'emailEventsPage');
  const res = await api.request({
    method: 'GET',
    path: '/email/public/v1/events',
    query: {
      limit: o.limit ?? EMAIL_EVENTS_LIMIT,
      offset: o.offset,
      startTimestamp: o.startTimestamp,
      endTimestamp: o.endTimestamp,
      eventType: o.eventType,
    },
    label: 'email_events',
  });
  const body = parseEnvelope(res, Body, 'email events');
  const parsed = parseItems(
    body.events,
    Event,
    (e): EmailEvent => ({
      id: e.id,
      created: e.created,
      type: e.type,
      recipient: e.recipient,
      ...(e.emailCampaignId === undefined ? {} : { emailCampaignId: e.emailCampaignId }),
      ...(e.url === undefined ? {} : { url: e.url }),
      ...(e.filteredEvent === undefined ? {} : { filteredEvent: e.filteredEvent }),
    }),
    'email_events',
    options.log,
  );
  const next = body.hasMore ? body.offset : undefined;
  return {
    items: parsed.items,
    malformed: parsed.malformed,
    ...(next === undefined ? {} : { next }),
  };
}
