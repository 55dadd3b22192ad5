// GET /api/v1/deals/:dealId/attribution?model= — the card's data: every touch of the deal's
// journey with its credit, totals per channel and per contact, the deal's figures and the
// comparison models; or, before the first sync finished, its progress.

import { z } from 'zod';
import { modelIdSchema, ROLES } from '../models.js';
import { dealStageSchema, teamSchema, touchKindSchema, UNATTRIBUTED_REASONS } from '../touches.js';
import { errorBodySchema } from './errors.js';
import { syncProgressSchema } from './status.js';

const cents = z.number().int();
const role = z.enum(ROLES);

export const moneyBodySchema = z
  .object({
    /** Integer minor units (cents for USD, yen for JPY). */
    cents,
    /** ISO 4217, upper case. */
    currency: z.string().min(3),
  })
  .readonly();
export type MoneyBody = z.output<typeof moneyBodySchema>;

export const channelShareSchema = z
  .object({
    channel: z.string(),
    label: z.string(),
    cents,
    /** Share of the attributed amount, 0–1 (0 when the deal has no amount). */
    fraction: z.number(),
  })
  .readonly();
export type ChannelShare = z.output<typeof channelShareSchema>;

export const contactShareSchema = z
  .object({
    contactId: z.string(),
    contactName: z.string().nullable(),
    /** HubSpot buying role (hs_buying_role), if set. */
    role: z.string().nullable(),
    cents,
    fraction: z.number(),
    touchpoints: z.number(),
  })
  .readonly();
export type ContactShare = z.output<typeof contactShareSchema>;

export const touchpointCreditSchema = z
  .object({
    id: z.string(),
    /** ISO 8601, UTC. */
    occurredAt: z.string(),
    /** The touch's buying-group contact shown on the card (the smallest id when several). */
    contactId: z.string().nullable(),
    contactName: z.string().nullable(),
    contactRole: z.string().nullable(),
    /** Every buying-group contact of the touch (one touch may reach several). */
    contactIds: z.array(z.string()).readonly(),
    kind: touchKindSchema,
    channel: z.string(),
    channelLabel: z.string(),
    team: teamSchema,
    /** A short label ("Webinar: Pricing 101"), when known. */
    title: z.string().nullable(),
    /** Milestones this touch holds, whichever model is shown. */
    milestones: z.array(role).readonly(),
    /** The touch revived the account after a silence. */
    reactivation: z.boolean(),
    credit: z.object({ fraction: z.number(), cents }).readonly(),
    /** One line: "30% — first touch and lead creation". */
    reason: z.string(),
  })
  .readonly();
export type TouchpointCredit = z.output<typeof touchpointCreditSchema>;

export const dealSummarySchema = z
  .object({
    name: z.string().nullable(),
    stage: dealStageSchema,
    /** HubSpot's stage label ("Contract sent"), when the pipeline is known. */
    stageLabel: z.string().nullable(),
    pipelineLabel: z.string().nullable(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    /** The deal has no amount in HubSpot: credits are shown as percentages, all cents are 0. */
    amountMissing: z.boolean(),
  })
  .readonly();
export type DealSummary = z.output<typeof dealSummarySchema>;

export const unattributedInfoSchema = z
  .object({
    /** model_unavailable: a data-driven model could not learn (e.g. no won or lost deal yet). */
    code: z.enum([...UNATTRIBUTED_REASONS, 'model_unavailable']),
    /** Why, and what would count ("No touch of the buying group in the 365-day window…"). */
    message: z.string(),
  })
  .readonly();
export type UnattributedInfo = z.output<typeof unattributedInfoSchema>;

export const modelComparisonSchema = z
  .object({
    model: modelIdSchema,
    label: z.string(),
    byChannel: z.array(channelShareSchema).readonly(),
    unattributedCents: cents,
    /** Set when a data-driven model could not learn (e.g. no won deals yet). */
    unavailable: z.string().nullable(),
  })
  .readonly();
export type ModelComparison = z.output<typeof modelComparisonSchema>;

/** The deal's figures on the card and in the written-back properties. */
export const dealStatsSchema = z
  .object({
    touchpoints: z.number(),
    /** Buying-group contacts that appear on a touch of the journey. */
    stakeholders: z.number(),
    /** Days from creation to close, one decimal; null while open. */
    daysToClose: z.number().nullable(),
    /** Shares of the credit, 0–1; null when nothing is attributed. */
    marketingShare: z.number().nullable(),
    salesShare: z.number().nullable(),
    reactivations: z.number(),
  })
  .readonly();
export type DealStats = z.output<typeof dealStatsSchema>;

export const dealAttributionBodySchema = z
  .object({
    status: z.literal('ok'),
    dealId: z.string(),
    portalId: z.number(),
    /** Σ touchpoints[].credit.cents + unattributedCents = amount.cents, exactly. */
    amount: moneyBodySchema,
    model: modelIdSchema,
    modelLabel: z.string(),
    /** ISO 8601: when this answer was computed. */
    computedAt: z.string(),
    settingsVersion: z.number(),
    deal: dealSummarySchema,
    /** Which touch (id) holds each milestone; absent milestones are omitted. */
    milestones: z.partialRecord(role, z.string()).readonly(),
    /** In time order. */
    touchpoints: z.array(touchpointCreditSchema).readonly(),
    /** Largest first; channels of the journey without credit included with 0. */
    byChannel: z.array(channelShareSchema).readonly(),
    byContact: z.array(contactShareSchema).readonly(),
    unattributedCents: cents,
    unattributed: unattributedInfoSchema.nullable(),
    /** Set when a data-driven model had no weight for this deal's channels and used linear. */
    fallback: z.literal('linear').nullable(),
    stats: dealStatsSchema,
    /** The other models of the settings' comparison list (never the one shown above). */
    comparison: z.array(modelComparisonSchema).readonly(),
  })
  .readonly();
export type DealAttributionBody = z.output<typeof dealAttributionBodySchema>;

/** The card's answer when the app has not finished its first sync of this portal's deals. */
export const notSyncedBodySchema = z
  .object({
    status: z.literal('not_synced'),
    portalId: z.number(),
    message: z.string(),
    sync: syncProgressSchema,
  })
  .readonly();
export type NotSyncedBody = z.output<typeof notSyncedBodySchema>;

export const dealAttributionResponseSchema = z.discriminatedUnion('status', [
  dealAttributionBodySchema,
  notSyncedBodySchema,
  errorBodySchema,
]);
export type DealAttributionResponse = z.output<typeof dealAttributionResponseSchema>;
