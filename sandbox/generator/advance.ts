// The time simulator: moves portal.now forward and does what a live portal does meanwhile — new
// accounts and contacts, touches, engagements, stage moves, closes decided by the planted model,
// edits, merges and deletions. Every change goes through portal.ts, so webhooks fire.

import { z } from 'zod';
import {
  type ChangeEvent,
  type CrmRecord,
  type ObjectType,
  type Portal,
  archiveRecord,
  associationsOf,
} from '../portal.js';
import { LOOKBACK_MS, winProbability } from './channels.js';
import { type Account, type Ctx, OWNER_IDS, newCtx } from './context.js';
import { orphanContact } from './extras.js';
import { generateAccounts, setTruth } from './accounts.js';
import {
  type AccountPlan,
  NURTURE_MIX,
  type PlannedDeal,
  RATES,
  SALES_MIX,
  type Step,
} from './plan.js';
import { DAY_MS, MINUTE_MS, Rng } from './random.js';
import { applyStep } from './replay.js';
import { resolveScale } from './scales.js';
import { accountTouches, channelsBetween, indexEvents, type EventIndex } from './touches.js';
import { COUNTRIES } from './vocabulary.js';

export interface AdvanceSummary {
  from: number;
  to: number;
  created: Partial<Record<ObjectType, number>>;
  /** Existing records (not created in this run) with at least one property change. */
  updated: Partial<Record<ObjectType, number>>;
  archived: Partial<Record<ObjectType, number>>;
  merged: number;
}

const Args = z.strictObject({
  days: z.number().positive().max(3650),
  seed: z.number().int().min(0).max(0xffffffff),
});

/** New deals per account-day when an account has no open deal. */
const NEW_DEAL_RATE = 0.0015;
const EDIT_RATE = 0.0008;

export function advancePortal(portal: Portal, days: number, seed: number): AdvanceSummary {
  const args = Args.safeParse({ days, seed });
  if (!args.success)
    throw new Error(
      `advancePortal: ${args.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const from = portal.now;
  const to = from + Math.round(days * DAY_MS);
  const summary: AdvanceSummary = { from, to, created: {}, updated: {}, archived: {}, merged: 0 };
  const listener = tally(summary);
  portal.listeners.push(listener);
  try {
    // Seeded by the seed and the current time, so successive calls with one seed still differ.
    const ctx = newCtx(portal, new Rng((seed ^ Math.floor(from / 1000)) >>> 0), to);
    const index = indexEvents(portal);
    for (const company of [...portal.objects.companies.values()])
      if (!company.archived) advanceAccount(ctx, company, index, from, to, days);
    const companies = portal.objects.companies.size;
    const spec = resolveScale({ companies: 1 });
    generateAccounts(
      ctx,
      spec,
      from,
      to,
      to,
      ctx.rng.poisson((companies / spec.historyDays) * days),
    );
    const orphans = ctx.rng.poisson(((companies * 0.7) / spec.historyDays) * days);
    const times = Array.from({ length: orphans }, () => ctx.rng.time(from, to)).sort(
      (a, b) => a - b,
    );
    for (const t of times) orphanContact(ctx, t, to);
    deleteSome(ctx, from, to, days);
    setTruth(ctx);
    portal.now = to;
  } finally {
    portal.listeners.splice(portal.listeners.indexOf(listener), 1);
  }
  return summary;
}

function tally(summary: AdvanceSummary): (e: ChangeEvent) => void {
  const created = new Set<string>();
  const updated = new Set<string>();
  const bump = (m: Partial<Record<ObjectType, number>>, t: ObjectType) => (m[t] = (m[t] ?? 0) + 1);
  return (e) => {
    const key = `${e.type}:${e.id}`;
    if (e.kind === 'creation') {
      created.add(key);
      bump(summary.created, e.type);
    } else if (e.kind === 'propertyChange' && !created.has(key) && !updated.has(key)) {
      updated.add(key);
      bump(summary.updated, e.type);
    } else if (e.kind === 'deletion') bump(summary.archived, e.type);
    else if (e.kind === 'merge') {
      summary.merged += e.mergedIds.length;
      bump(summary.archived, e.type);
    }
  };
}

/** Plans this window for one existing account, decides closes, then replays it. */
function advanceAccount(
  ctx: Ctx,
  company: CrmRecord,
  index: EventIndex,
  from: number,
  to: number,
  days: number,
): void {
  const { rng, portal } = ctx;
  const contacts = associationsOf(portal, 'companies', company.id, 'contacts')
    .map((a) => portal.objects.contacts.get(a.toId))
    .filter((c): c is CrmRecord => c !== undefined && !c.archived);
  if (contacts.length === 0) return;
  const plan: AccountPlan = { contacts: contacts.map(() => ({ role: 4 })), deals: [], steps: [] };
  const acct: Account = {
    plan,
    owner: company.properties.hubspot_owner_id ?? OWNER_IDS[0],
    country: COUNTRIES.find((c) => c[0] === company.properties.country) ?? COUNTRIES[0],
    currency: 'USD',
    company,
    contacts: [...contacts],
    deals: [],
  };
  for (const a of associationsOf(portal, 'companies', company.id, 'deals')) {
    const deal = portal.objects.deals.get(a.toId);
    if (!deal || deal.archived || deal.properties.hs_is_closed === 'true') continue;
    const ids = new Set(associationsOf(portal, 'deals', deal.id, 'contacts').map((x) => x.toId));
    const createdAt = Date.parse(deal.properties.createdate ?? '') || deal.createdAt;
    const closeAt = Math.max(
      from + MINUTE_MS,
      Date.parse(deal.properties.closedate ?? '') || to + DAY_MS,
    );
    acct.deals.push(deal);
    plan.deals.push(
      planned(
        createdAt,
        closeAt,
        to,
        contacts.flatMap((c, i) => (ids.has(c.id) ? [i] : [])),
      ),
    );
  }
  const steps = plan.steps;
  if (plan.deals.length === 0 && rng.chance(1 - Math.exp(-NEW_DEAL_RATE * days))) {
    const at = rng.time(from, to);
    const dl = planned(
      at,
      at + Math.floor(rng.uniform(20, 170) * DAY_MS),
      to,
      contacts.map((_, i) => i),
    );
    dl.expansion = company.properties.lifecyclestage === 'customer';
    plan.deals.push(dl);
    steps.push({
      at: at - 30 * MINUTE_MS,
      kind: 'touch',
      c: rng.int(0, contacts.length - 1),
      channel: 'sales_meeting',
    });
    steps.push({ at, kind: 'deal', d: plan.deals.length - 1 });
  }
  const hasOpen = plan.deals.length > 0;
  const n = rng.poisson((hasOpen ? RATES.sales : RATES.tail) * days);
  for (let i = 0; i < n; i++)
    steps.push({
      at: rng.time(from, to),
      kind: 'touch',
      c: rng.int(0, contacts.length - 1),
      channel: rng.weighted(hasOpen ? SALES_MIX : NURTURE_MIX),
    });
  plan.deals.forEach((dl, d) => {
    if (acct.deals[d] && rng.chance(Math.min(1, days / 30)))
      steps.push({
        at: rng.time(Math.max(from, dl.createdAt), Math.min(to, dl.closeAt)),
        kind: 'dealStage',
        d,
        stage: rng.int(1, 4),
      });
    if (acct.deals[d] && rng.chance(EDIT_RATE * 10 * days))
      steps.push({ at: rng.time(from, to), kind: 'amount', d });
  });
  contacts.forEach((_, c) => {
    if (rng.chance(EDIT_RATE * days))
      steps.push({
        at: rng.time(from, to),
        kind: 'edit',
        c,
        field: rng.chance(0.5) ? 'phone' : 'jobtitle',
      });
  });
  if (rng.chance(EDIT_RATE * days)) steps.push({ at: rng.time(from, to), kind: 'companyEdit' });
  if (rng.chance(0.08 * (days / 365))) planMerge(rng, plan, contacts.length, from, to);
  decideCloses(ctx, company, index, plan);
  for (const s of steps.filter((x) => x.at <= to).sort((a, b) => a.at - b.at))
    applyStep(ctx, acct, s);
}

function planned(createdAt: number, closeAt: number, to: number, contacts: number[]): PlannedDeal {
  return {
    createdAt,
    closeAt,
    closed: closeAt <= to,
    won: false,
    probability: 0,
    channels: [],
    contacts,
    lastStage: 0,
    expansion: false,
  };
}

function planMerge(rng: Rng, plan: AccountPlan, n: number, from: number, to: number): void {
  const into = rng.int(0, n - 1);
  const c = plan.contacts.length;
  const at = rng.time(from, to - 2 * MINUTE_MS);
  plan.contacts.push({ role: 4, dupOf: into });
  plan.steps.push({ at, kind: 'contact', c, channel: 'direct' });
  plan.steps.push({ at: rng.time(at + MINUTE_MS, to), kind: 'merge', c, into });
}

/** Outcome of each deal closing in the window: the planted model on the data plus planned touches. */
function decideCloses(ctx: Ctx, company: CrmRecord, index: EventIndex, plan: AccountPlan): void {
  const { portal, rng } = ctx;
  let existing: ReturnType<typeof accountTouches> | undefined;
  plan.deals.forEach((dl, d) => {
    if (!dl.closed) return;
    existing ??= accountTouches(portal, company.id, index);
    const lo = dl.createdAt - LOOKBACK_MS;
    const seen = channelsBetween(existing, lo, dl.closeAt);
    for (const s of plan.steps)
      if (
        (s.kind === 'touch' || s.kind === 'contact') &&
        s.at >= lo &&
        s.at <= dl.closeAt &&
        plan.contacts[s.c]?.dupOf === undefined
      )
        seen.add(s.channel);
    dl.channels = [...seen].sort();
    dl.probability = winProbability(seen);
    dl.won = rng.chance(dl.probability);
    plan.steps.push({ at: dl.closeAt, kind: 'close', d } satisfies Step);
  });
}

/** A few deletions: notes, tasks and contacts that never joined an account. */
function deleteSome(ctx: Ctx, from: number, to: number, days: number): void {
  const { rng, portal } = ctx;
  const pools: [ObjectType, CrmRecord[]][] = [
    ['notes', [...portal.objects.notes.values()].filter((r) => !r.archived)],
    ['tasks', [...portal.objects.tasks.values()].filter((r) => !r.archived)],
    [
      'contacts',
      [...portal.objects.contacts.values()].filter(
        (r) => !r.archived && !r.properties.associatedcompanyid,
      ),
    ],
  ];
  for (const [type, pool] of pools) {
    // At least one note goes every run, so a client always has a deletion to pick up.
    const floor = type === 'notes' ? 1 : 0;
    const mean = Math.max(1, pool.length * 0.0004 * days);
    const n = Math.min(pool.length, Math.max(floor, rng.poisson(mean)));
    for (let i = 0; i < n; i++) {
      const rec = rng.pick(pool);
      archiveRecord(portal, type, rec, rng.time(Math.max(from, rec.updatedAt + 1), to));
    }
  }
}
