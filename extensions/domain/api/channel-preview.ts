// POST /api/v1/channel-rules/preview: the rules being edited (not saved) applied to the portal's
// most recent touches, next to the saved rules.

import { z } from 'zod';
import { channelRulesSchema } from '../channel-rules.js';
import { touchKindSchema } from '../touches.js';

export const channelPreviewRequestSchema = z.strictObject({ channelRules: channelRulesSchema });
export type ChannelPreviewRequest = z.input<typeof channelPreviewRequestSchema>;

const index = z.number().int().min(0);

/**
 * What decided a touch's channel. Recompute applies only the admin's rules to stored touches; a
 * touch none of them matches keeps the channel the sync gave it, which the built-in rule or the
 * fallback named here gives too (`synced`: neither does, e.g. it came from an older rule).
 */
export const channelDecisionSchema = z.discriminatedUnion('from', [
  /** `index`: 0-based position in the admin's rules. */
  z.object({ from: z.literal('admin'), index }).readonly(),
  z.object({ from: z.literal('default'), index }).readonly(),
  z.object({ from: z.literal('fallback') }).readonly(),
  z.object({ from: z.literal('synced') }).readonly(),
]);
export type ChannelDecision = z.output<typeof channelDecisionSchema>;

/** Touches sharing their HubSpot source details and both classifications. */
export const channelPreviewRowSchema = z
  .object({
    kind: touchKindSchema,
    source: z.string().nullable(),
    medium: z.string().nullable(),
    detail1: z.string().nullable(),
    detail2: z.string().nullable(),
    campaign: z.string().nullable(),
    touches: z.number().int().min(1),
    /** Under the saved rules. */
    currentChannel: z.string(),
    currentBy: channelDecisionSchema,
    /** Under the rules in the request. */
    proposedChannel: z.string(),
    proposedBy: channelDecisionSchema,
    changed: z.boolean(),
    /** ISO 8601: the latest of these touches. */
    lastAt: z.string(),
  })
  .readonly();
export type ChannelPreviewRow = z.output<typeof channelPreviewRowSchema>;

export const channelPreviewBodySchema = z
  .object({
    status: z.literal('ok'),
    portalId: z.number(),
    /** Touches classified: the portal's most recent of the kinds that count, at most `limit`. */
    sampled: z.number().int().min(0),
    limit: z.number().int().min(0),
    /** ISO 8601 span of the sample; null when the portal has no touch yet. */
    oldestAt: z.string().nullable(),
    newestAt: z.string().nullable(),
    /** Touches (and rows) whose channel the proposed rules would change. */
    changedTouches: z.number().int().min(0),
    changedRows: z.number().int().min(0),
    /** Changed rows first, then by touches, most first. */
    rows: z.array(channelPreviewRowSchema).readonly(),
  })
  .readonly();
export type ChannelPreviewBody = z.output<typeof channelPreviewBodySchema>;
