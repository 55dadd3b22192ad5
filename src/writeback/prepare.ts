// One stored result → its deal's property values and its influence, or why it cannot be written;
// and which of the writable properties the admin chose.

import { z } from 'zod';
import type { AttributionRecord } from '../store/index.js';
import type { DealContext } from './deal-context.js';
import { dealValues, type InfluenceDeal, type PropertyValues } from './values.js';

const REVENUE_FAMILY = 'attribution_revenue_by_channel';

/** The writable properties the admin chose to write (all when no choice was given). */
export function chosen(
  writable: readonly string[],
  choice: readonly string[] | undefined,
): readonly string[] {
  if (choice === undefined) return writable;
  const set = new Set(choice);
  const family = set.has(REVENUE_FAMILY);
  return writable.filter(
    (n) =>
      set.has(n) ||
      (family &&
        (n.startsWith('attribution_revenue_') || n === 'attribution_unattributed_revenue')),
  );
}

export function pick(values: PropertyValues, names: readonly string[]): PropertyValues {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = values[n];
    if (v !== undefined) out[n] = v;
  }
  return out;
}

// The engine's type, checked at the store boundary (the store only checks dealId and model).
const attributionSchema = z.object({
  status: z.enum(['attributed', 'unattributed']),
  dealId: z.string(),
  model: z.string(),
  amount: z.object({ cents: z.number().int(), currency: z.string().min(3) }),
  credits: z.array(
    z.object({
      touchId: z.string(),
      index: z.number().int(),
      fraction: z.number(),
      cents: z.number().int(),
      roles: z.array(z.string()),
    }),
  ),
  unattributedCents: z.number().int(),
});

export type PreparedDeal =
  | { readonly kind: 'skip' }
  | { readonly kind: 'fail'; readonly reason: string; readonly message: string }
  | {
      readonly kind: 'ok';
      readonly values: PropertyValues;
      readonly influence: InfluenceDeal;
      /** Won, in another currency, without a home amount. */
      readonly unconverted: boolean;
    };

/**
 * A result is written only with the journey of the recompute that produced it: a deal gone from
 * the portal has none (its results go with it at the next recompute).
 */
export function prepareDeal(
  record: AttributionRecord,
  ctx: DealContext,
  channels: readonly string[],
): PreparedDeal {
  const invalid = ctx.invalid.get(record.dealId);
  if (invalid !== undefined) return { kind: 'fail', reason: 'invalid_journey', message: invalid };
  const doc = ctx.journeys.get(record.dealId);
  if (doc === undefined) return { kind: 'skip' };
  const parsed = attributionSchema.safeParse(record.result);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return {
      kind: 'fail',
      reason: 'invalid_attribution',
      message: `deal ${record.dealId}: result.${i.path.join('.')}: ${i.message}`,
    };
  }
  const attribution = record.result;
  const { deal } = doc.journey;
  const values = dealValues({
    attribution,
    computedAt: record.computedAt,
    touches: ctx.touches,
    facts: deal,
    buyingGroup: ctx.buyingGroups.get(record.dealId) ?? new Set(),
    channels,
  });
  if (!values.ok) return { kind: 'fail', reason: values.error, message: values.message };
  const won = deal.stage === 'won';
  const homeCents = doc.homeCents ?? undefined;
  return {
    kind: 'ok',
    values: values.value,
    influence: { attribution, touches: ctx.influenceTouches, won, homeCents },
    unconverted: won && homeCents === undefined,
  };
}
