// Deals: creation with amount and currency, stage moves through the default pipeline with the
// v2 entered/exited stamps, and the close (won or lost) the planted model decided.

import {
  DEAL_STAGES,
  DEFAULT_PIPELINE_ID,
  OPEN_DEAL_STAGES,
  cumulativeTimeProperty,
  dateEnteredProperty,
  dateExitedProperty,
} from '../schema.js';
import { type CrmRecord, associate, createRecord, updateRecord } from '../portal.js';
import type { Ctx } from './context.js';
import { DAY_MS, iso } from './random.js';
import { PRODUCTS, USD_RATES } from './vocabulary.js';

const PROBABILITY = ['0.2', '0.4', '0.6', '0.8', '0.9'] as const;
const LOST_REASONS = ['Chose a competitor', 'No budget', 'Timing', 'No decision'] as const;

/** A decimal string as HubSpot stores amounts (no minor units for JPY). */
export function formatAmount(value: number, currency: string): string {
  return currency === 'JPY' ? String(Math.round(value)) : value.toFixed(2);
}

export function homeAmount(amount: string, currency: string): string {
  return (Number(amount) * (USD_RATES[currency] ?? 1)).toFixed(2);
}

export interface NewDeal {
  company?: CrmRecord;
  contacts: readonly CrmRecord[];
  currency: string;
  owner: string;
  /** Expected close date written at creation. */
  expectedClose: number;
  expansion: boolean;
}

export function createDeal(ctx: Ctx, spec: NewDeal, at: number): CrmRecord {
  const { rng, portal } = ctx;
  const employees = Number(spec.company?.properties.numberofemployees ?? '50');
  const usd = Math.round((Math.exp(rng.normal() * 0.5) * (4000 + employees * 60)) / 100) * 100;
  const rate = USD_RATES[spec.currency] ?? 1;
  const amount = formatAmount(
    spec.currency === 'JPY' ? Math.round(usd / rate / 1000) * 1000 : Math.round(usd / rate),
    spec.currency,
  );
  const stage = OPEN_DEAL_STAGES[0];
  const product = rng.pick(PRODUCTS);
  const deal = createRecord(
    portal,
    'deals',
    {
      dealname: `${spec.company?.properties.name ?? 'Direct'} - ${product}`,
      amount,
      deal_currency_code: spec.currency,
      amount_in_home_currency: homeAmount(amount, spec.currency),
      pipeline: DEFAULT_PIPELINE_ID,
      dealstage: stage,
      dealtype: spec.expansion ? 'existingbusiness' : 'newbusiness',
      closedate: iso(spec.expectedClose),
      hs_is_closed: 'false',
      hs_is_closed_won: 'false',
      hs_is_closed_lost: 'false',
      hs_deal_stage_probability: PROBABILITY[0],
      [dateEnteredProperty(stage)]: iso(at),
      hubspot_owner_id: spec.owner,
    },
    at,
    'CRM_UI',
  );
  const from = { type: 'deals' as const, id: deal.id };
  for (const c of spec.contacts)
    associate(portal, from, { type: 'contacts', id: c.id }, { forward: [3], reverse: [4] }, at);
  if (spec.company)
    associate(
      portal,
      from,
      { type: 'companies', id: spec.company.id },
      { forward: [5, 341], reverse: [342] },
      at,
    );
  return deal;
}

function leave(deal: CrmRecord, at: number): Record<string, string> {
  const current = deal.properties.dealstage ?? OPEN_DEAL_STAGES[0];
  const entered = Date.parse(deal.properties[dateEnteredProperty(current)] ?? '') || at;
  return {
    [dateExitedProperty(current)]: iso(at),
    [cumulativeTimeProperty(current)]: String(Math.max(0, at - entered)),
  };
}

/** Moves an open deal to open stage `index` (1 … 4) if that is forward. */
export function moveStage(ctx: Ctx, deal: CrmRecord, index: number, at: number): void {
  const current = OPEN_DEAL_STAGES.indexOf(
    (deal.properties.dealstage ?? '') as (typeof OPEN_DEAL_STAGES)[number],
  );
  const stage = OPEN_DEAL_STAGES[index];
  if (stage === undefined || current < 0 || index <= current) return;
  updateRecord(
    ctx.portal,
    'deals',
    deal,
    {
      ...leave(deal, at),
      dealstage: stage,
      [dateEnteredProperty(stage)]: iso(at),
      hs_deal_stage_probability: PROBABILITY[index] ?? '0.5',
    },
    at,
    'CRM_UI',
  );
}

export function closeDeal(ctx: Ctx, deal: CrmRecord, won: boolean, at: number): void {
  const stage = won ? DEAL_STAGES.closedWon : DEAL_STAGES.closedLost;
  const props: Record<string, string> = {
    ...leave(deal, at),
    dealstage: stage,
    [dateEnteredProperty(stage)]: iso(at),
    closedate: iso(at),
    hs_is_closed: 'true',
    hs_is_closed_won: won ? 'true' : 'false',
    hs_is_closed_lost: won ? 'false' : 'true',
    hs_deal_stage_probability: won ? '1.0' : '0.0',
  };
  if (!won) props.closed_lost_reason = ctx.rng.pick(LOST_REASONS);
  updateRecord(ctx.portal, 'deals', deal, props, at, 'CRM_UI');
}

/** A rep revises the amount of an open deal. */
export function editAmount(ctx: Ctx, deal: CrmRecord, at: number): void {
  const currency = deal.properties.deal_currency_code ?? 'USD';
  const amount = formatAmount(
    Number(deal.properties.amount ?? '0') * ctx.rng.uniform(0.8, 1.25),
    currency,
  );
  updateRecord(
    ctx.portal,
    'deals',
    deal,
    { amount, amount_in_home_currency: homeAmount(amount, currency) },
    at,
    'CRM_UI',
  );
}

/** The expected close date a rep enters at creation: a month or a few out. */
export const expectedClose = (ctx: Ctx, createdAt: number): number =>
  createdAt + ctx.rng.int(30, 120) * DAY_MS;
