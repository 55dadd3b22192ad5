// The read model's deal half (src/read-model/): what a recompute stores per deal (store table deal_journeys) beside
// each model's result (attribution_results). The journey is the engine's own, with every touch's
// channel under the rules in force when it was computed; the card, write-back, reports and
// exports read it, so they show the same channels and the same cents, and nothing recomputes.
//
// A document read back is checked (the store keeps JSON, not types): a malformed one is reported
// with the field that is wrong, never used.

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { dealStageSchema, teamSchema } from '../domain/index.js';
import { currencyExponent, type Journey } from '../attribution/index.js';
import { compareIds } from '../kernel/index.js';
import type { DealJourneyRecord, JourneyMembers, JourneyPath, Store } from '../store/index.js';

/** A journey touch's contacts (merges resolved) and companies, for influence. */
export interface TouchLinks {
  readonly contactIds: readonly string[];
  readonly companyIds: readonly string[];
}

export interface StoredJourney {
  readonly journey: Journey;
  readonly amountMissing: boolean;
  readonly stageLabel: string | null;
  readonly pipelineLabel: string | null;
  /** The amount in the portal's currency (minor units); null when HubSpot gave none. */
  readonly homeCents: number | null;
  /** By touch id, for every touch of the journey. */
  readonly links: Readonly<Record<string, TouchLinks>>;
}

const ids = z.array(z.string());
const touchSchema = z.looseObject({
  id: z.string(),
  occurredAt: z.number(),
  contactIds: ids,
  kind: z.string(),
  channel: z.string().min(1),
  team: teamSchema,
});
const storedJourneySchema = z.looseObject({
  journey: z.looseObject({
    deal: z.looseObject({
      id: z.string(),
      amount: z.object({ cents: z.number().int(), currency: z.string().min(3) }),
      createdAt: z.number(),
      closedAt: z.number().optional(),
      stage: dealStageSchema,
      contactIds: ids,
      companyIds: ids,
    }),
    touches: z.array(touchSchema),
    contacts: z.array(z.looseObject({ id: z.string(), createdAt: z.number() })),
    milestones: z.record(z.string(), z.number().int()),
    reactivations: z.array(z.number().int()),
    end: z.number(),
    start: z.number(),
  }),
  amountMissing: z.boolean(),
  stageLabel: z.string().nullable(),
  pipelineLabel: z.string().nullable(),
  homeCents: z.number().int().nullable(),
  links: z.record(z.string(), z.object({ contactIds: ids, companyIds: ids })),
});

/** What the deal record said beside the engine's deal (for display and the home currency). */
export interface DealRecordInfo {
  readonly amountMissing: boolean;
  readonly stageLabel: string | null;
  readonly pipelineLabel: string | null;
  readonly homeCents?: number;
}

export function storedJourney(
  info: DealRecordInfo,
  journey: Journey,
  links: Readonly<Record<string, TouchLinks>>,
): StoredJourney {
  return {
    journey,
    amountMissing: info.amountMissing,
    stageLabel: info.stageLabel,
    pipelineLabel: info.pipelineLabel,
    homeCents: info.homeCents ?? null,
    links,
  };
}

/** What the journey adds to the data-driven models' counts (the store's path columns). */
export function journeyPath(journey: Journey): JourneyPath {
  const { stage, amount } = journey.deal;
  return {
    channels: journey.touches.map((t) => t.channel).join(' > '),
    outcome: stage,
    value:
      stage === 'won' ? Math.max(0, amount.cents) / 10 ** currencyExponent(amount.currency) : 0,
  };
}

/** The contacts and companies the journey's touches reach, and the deal's own. */
export function journeyMembers(doc: StoredJourney): JourneyMembers {
  const contacts = new Set(doc.journey.deal.contactIds);
  const companies = new Set(doc.journey.deal.companyIds);
  for (const t of doc.journey.touches) {
    const links = doc.links[t.id];
    for (const id of links?.contactIds ?? t.contactIds) contacts.add(id);
    for (const id of links?.companyIds ?? t.companyIds ?? []) companies.add(id);
  }
  return { contacts: [...contacts].sort(compareIds), companies: [...companies].sort(compareIds) };
}

/** The document's identity for "did it change" (built in a fixed key order: plain JSON). */
export function journeyHash(doc: StoredJourney): string {
  return createHash('sha256').update(JSON.stringify(doc)).digest('hex');
}

export type ReadJourney =
  | { readonly ok: true; readonly value: StoredJourney }
  | { readonly ok: false; readonly message: string };

/** A stored record's document, checked. */
export function readStoredJourney(record: DealJourneyRecord): ReadJourney {
  const r = storedJourneySchema.safeParse(record.journey);
  if (r.success) return { ok: true, value: record.journey as unknown as StoredJourney };
  const i = r.error.issues[0]!;
  return {
    ok: false,
    message: `stored journey of deal ${record.dealId}: ${i.path.join('.')}: ${i.message}`,
  };
}

/** Reads the stored journeys of these deals; a malformed one is in `invalid`, never used. */
export async function readDealJourneys(
  store: Store,
  portalId: number,
  dealIds: readonly string[],
): Promise<{
  readonly journeys: Map<string, StoredJourney>;
  readonly invalid: Map<string, string>;
}> {
  const journeys = new Map<string, StoredJourney>();
  const invalid = new Map<string, string>();
  for (const [id, record] of await store.dealJourneys(portalId, dealIds)) {
    const r = readStoredJourney(record);
    if (r.ok) journeys.set(id, r.value);
    else invalid.set(id, r.message);
  }
  return { journeys, invalid };
}
