// Accounts written in bulk (generation and the simulator's new accounts) and the truth block.

import { OBJECT_TYPES, type Portal, type PropertyVersion } from '../portal.js';
import { BASE_LOG_ODDS, plantedTruth } from './channels.js';
import { pickCountry } from './companies.js';
import { type Account, type Ctx, OWNER_IDS } from './context.js';
import { planAccount } from './plan.js';
import { replayAccount } from './replay.js';
import type { ScaleSpec } from './scales.js';

/**
 * Plans and writes accounts whose first contact appears in [from, to): `n` of them oldest first,
 * or, with a record budget, accounts in random order until the portal holds that many records
 * (named scales hit their target closely however much one account's size varies).
 */
export function generateAccounts(
  ctx: Ctx,
  spec: ScaleSpec,
  from: number,
  to: number,
  end: number,
  n = spec.companies,
  recordBudget?: number,
): void {
  if (recordBudget === undefined) {
    const starts = Array.from({ length: n }, () => ctx.rng.time(from, to)).sort((a, b) => a - b);
    for (const t0 of starts) writeAccount(ctx, spec, t0, end);
    return;
  }
  for (let i = 0; i < n * 3 && recordCount(ctx.portal) < recordBudget; i++)
    writeAccount(ctx, spec, ctx.rng.time(from, to), end);
}

function writeAccount(ctx: Ctx, spec: ScaleSpec, t0: number, end: number): void {
  const country = pickCountry(ctx);
  const acct: Account = {
    plan: planAccount(ctx.rng, spec, t0, end, ctx.portal.merged.contacts.size === 0),
    owner: ctx.rng.pick(OWNER_IDS),
    country,
    currency: ctx.rng.chance(0.6) ? 'USD' : country[2],
    contacts: [],
    deals: [],
  };
  const firstId = ctx.portal.nextId;
  replayAccount(ctx, acct);
  compactRecords(ctx.portal, firstId);
}

/**
 * Re-creates the property and history maps of the records with ids ≥ `firstId` as object literals.
 * Objects grown key by key past ~20 keys fall into V8's dictionary mode; the literal copies use
 * shared hidden classes and take ~40 % less memory, which is what lets `large` fit in the heap.
 * Only for records that are complete: adding keys later turns them back into dictionaries.
 */
export function compactRecords(portal: Portal, firstId: number): void {
  const shared = new Map<string | null, PropertyVersion>();
  for (let id = firstId; id < portal.nextId; id++) {
    const key = String(id);
    for (const t of OBJECT_TYPES) {
      const rec = portal.objects[t].get(key);
      if (!rec) continue;
      rec.properties = { ...rec.properties };
      rec.history = { ...rec.history };
      // Creation writes one entry per property at one instant; equal values (the create date
      // under five names, original = latest source) can share one immutable version object.
      shared.clear();
      for (const versions of Object.values(rec.history)) {
        const first = versions[0];
        if (!first || first.timestamp !== rec.createdAt) continue;
        const same = shared.get(first.value);
        if (same === undefined) shared.set(first.value, first);
        else if (same.sourceType === first.sourceType) versions[0] = same;
      }
      break;
    }
  }
}

export function recordCount(portal: Portal): number {
  let n = 0;
  for (const t of OBJECT_TYPES) n += portal.objects[t].size;
  return n;
}

export function setTruth(ctx: Ctx): void {
  const prior = ctx.portal.truth;
  const revivals = [...(prior.revivals ?? []), ...ctx.revivals];
  ctx.portal.truth = {
    ...plantedTruth(revivals.map((r) => r.dealId)),
    baseLogOdds: BASE_LOG_ODDS,
    revivals,
    deals: [...(prior.deals ?? []), ...ctx.dealTruth],
  };
}
