// Companies (accounts): firmographics, owner and the currency their deals are priced in.

import { type CrmRecord, associate, createRecord, updateRecord } from '../portal.js';
import type { Ctx } from './context.js';
import { COUNTRIES, INDUSTRIES, LEGAL_FORMS, NAME_PARTS, NAME_SUFFIXES } from './vocabulary.js';

const COUNTRY_WEIGHTS = COUNTRIES.map((c) => [c, c[3]] as const);

/** Picks where the account sits; its deals use that country's usual currency. */
export function pickCountry(ctx: Ctx): (typeof COUNTRIES)[number] {
  return ctx.rng.weighted(COUNTRY_WEIGHTS);
}

export function createCompany(
  ctx: Ctx,
  country: (typeof COUNTRIES)[number],
  owner: string,
  source: string | null,
  at: number,
): CrmRecord {
  const { rng, portal } = ctx;
  const part = rng.pick(NAME_PARTS);
  const suffix = rng.pick(NAME_SUFFIXES);
  // The next record id keeps names and domains unique across thousands of accounts.
  const n = portal.nextId;
  const employees = Math.round(Math.exp(rng.uniform(Math.log(10), Math.log(20_000))));
  return createRecord(
    portal,
    'companies',
    {
      name: `${part} ${suffix} ${rng.pick(LEGAL_FORMS)}`,
      domain: `${part}${suffix}${String(n)}.example`.toLowerCase(),
      industry: rng.pick(INDUSTRIES),
      numberofemployees: String(employees),
      annualrevenue: String(employees * rng.int(80, 400) * 1000),
      country: country[0],
      city: country[1],
      lifecyclestage: 'lead',
      hs_analytics_source: source,
      hubspot_owner_id: owner,
    },
    at,
    'CRM_UI',
  );
}

/** Contact ↔ company: 279 + primary 1 one way, 280 the other (HUBSPOT.md §4). */
export function linkContact(ctx: Ctx, company: CrmRecord, contact: CrmRecord, at: number): void {
  associate(
    ctx.portal,
    { type: 'contacts', id: contact.id },
    { type: 'companies', id: company.id },
    { forward: [1, 279], reverse: [280] },
    at,
  );
}

/** Companies follow their best contact's lifecycle stage forward (opportunity, customer). */
export function companyStage(
  ctx: Ctx,
  company: CrmRecord,
  stage: 'opportunity' | 'customer',
  at: number,
): void {
  const current = company.properties.lifecyclestage;
  if (current === 'customer' || current === stage) return;
  updateRecord(ctx.portal, 'companies', company, { lifecyclestage: stage }, at, 'CRM_UI');
}

/** Headcount changes now and then (an edit the sync must pick up). */
export function editHeadcount(ctx: Ctx, company: CrmRecord, at: number): void {
  const n = Number(company.properties.numberofemployees ?? '10');
  const next = Math.max(1, Math.round(n * ctx.rng.uniform(0.9, 1.3)));
  updateRecord(ctx.portal, 'companies', company, { numberofemployees: String(next) }, at, 'CRM_UI');
}
