// What write-back needs of a synced deal record (HubSpot properties as stored): creation and close
// times, won/lost/open, and the amount in the portal currency. HubSpot values are strings; dates
// come as ISO or ms strings (HUBSPOT.md §7), so both are parsed.

import { z } from 'zod';
import { toMinorUnits } from '../attribution/index.js';
import { err, ok, type Result } from '../kernel/index.js';
import type { StoredRecord } from '../store/index.js';
import type { DealFacts } from './values.js';

export interface DealRecordFacts extends DealFacts {
  /** Amount in the portal currency (minor units); undefined when HubSpot gave none. */
  readonly homeCents: number | undefined;
}

const text = z.string().nullish();
const properties = z.object({
  createdate: text,
  closedate: text,
  hs_is_closed: text,
  hs_is_closed_won: text,
  dealstage: text,
  amount_in_home_currency: text,
});

function ms(value: string | null | undefined): number | undefined | 'invalid' {
  if (value === null || value === undefined || value === '') return undefined;
  if (/^-?\d+$/.test(value)) return Number(value);
  const t = Date.parse(value);
  return Number.isNaN(t) ? 'invalid' : t;
}

/**
 * Facts of one deal record. `amount` is the attribution's amount (deal currency, minor units): a
 * deal in the portal currency needs no conversion.
 */
export function dealRecordFacts(
  record: StoredRecord,
  amount: { readonly cents: number; readonly currency: string },
  homeCurrency: string,
): Result<DealRecordFacts, 'invalid_deal'> {
  const parsed = properties.safeParse(record.properties);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(
      'invalid_deal',
      `deal ${record.id}: properties.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const p = parsed.data;
  const created = ms(p.createdate);
  if (created === 'invalid') {
    return err(
      'invalid_deal',
      `deal ${record.id}: properties.createdate "${p.createdate ?? ''}" is not a date`,
    );
  }
  const createdAt = created ?? record.createdAt ?? undefined;
  if (createdAt === undefined) {
    return err('invalid_deal', `deal ${record.id}: properties.createdate is missing`);
  }
  const closed = ms(p.closedate);
  if (closed === 'invalid') {
    return err(
      'invalid_deal',
      `deal ${record.id}: properties.closedate "${p.closedate ?? ''}" is not a date`,
    );
  }
  // hs_is_closed(_won) come from the pipeline's stage metadata; dealstage ids are only a fallback.
  let stage: DealFacts['stage'];
  if (p.hs_is_closed_won === 'true') stage = 'won';
  else if (p.hs_is_closed === 'true') stage = 'lost';
  else if (p.hs_is_closed === 'false') stage = 'open';
  else stage = p.dealstage === 'closedwon' ? 'won' : p.dealstage === 'closedlost' ? 'lost' : 'open';
  let homeCents: number | undefined;
  if (amount.currency === homeCurrency.toUpperCase()) homeCents = amount.cents;
  else if (p.amount_in_home_currency !== null && p.amount_in_home_currency !== undefined) {
    const r = toMinorUnits(p.amount_in_home_currency, homeCurrency);
    homeCents = r.ok ? r.value : undefined;
  }
  return ok({
    createdAt,
    ...(closed === undefined || stage === 'open' ? {} : { closedAt: closed }),
    stage,
    homeCents,
  });
}
