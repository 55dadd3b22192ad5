// One account's story before anything is written: who joins the buying group when, every touch
// with its planted channel, the deals with their stage dates, and the outcome drawn from the
// planted model. Writers then replay the steps in time order through portal.ts.

import { type Channel, LOOKBACK_MS, winProbability } from './channels.js';
import { DAY_MS, MINUTE_MS, type Rng } from './random.js';
import type { ScaleSpec } from './scales.js';

type Mix = readonly (readonly [Channel, number])[];

/** How a contact first reached the portal (its creating touch). */
export const FIRST_TOUCH_MIX: Mix = [
  ['organic_search', 22],
  ['paid_search', 14],
  ['paid_social', 12],
  ['organic_social', 8],
  ['referral', 9],
  ['direct', 10],
  ['other_campaigns', 5],
  ['offline', 20],
];
export const NURTURE_MIX: Mix = [
  ['organic_search', 10],
  ['paid_search', 8],
  ['paid_social', 9],
  ['organic_social', 6],
  ['referral', 4],
  ['direct', 10],
  ['other_campaigns', 5],
  ['email', 14],
  ['webinar', 5],
  ['events', 2.5],
  ['sales_email', 6],
  ['sales_linkedin', 4],
  ['sales_call', 3],
  ['sales_messaging', 1],
  ['sales_meeting', 1],
];
export const SALES_MIX: Mix = [
  ['sales_email', 22],
  ['sales_call', 18],
  ['sales_meeting', 14],
  ['sales_linkedin', 6],
  ['sales_messaging', 3],
  ['email', 8],
  ['direct', 8],
  ['organic_search', 4],
  ['paid_search', 3],
  ['paid_social', 4],
  ['webinar', 3],
  ['events', 1.5],
  ['referral', 1.5],
  ['organic_social', 2],
  ['other_campaigns', 2],
];
const REVIVAL_MIX: Mix = [
  ['webinar', 3],
  ['events', 2],
  ['email', 3],
  ['referral', 2],
  ['sales_call', 2],
  ['sales_linkedin', 2],
  ['organic_search', 2],
  ['paid_social', 2],
  ['paid_search', 1],
];
/** The conversation right before a deal is created. */
const OPENERS: Mix = [
  ['sales_meeting', 5],
  ['sales_call', 3],
  ['sales_email', 2],
];
/** Sales-prospected contacts (source OFFLINE) are reached by one of these right after import. */
export const OUTREACH: readonly Channel[] = ['sales_email', 'sales_linkedin', 'sales_call'];

/** Touches per day of the whole account in each phase. */
export const RATES = { nurture: 0.025, sales: 0.07, tail: 0.006 } as const;

export type Step =
  | { at: number; kind: 'company' }
  | { at: number; kind: 'contact'; c: number; channel: Channel }
  | { at: number; kind: 'touch'; c: number; channel: Channel; revival?: true; convert?: true }
  | { at: number; kind: 'note' | 'task'; c: number; due: number }
  | { at: number; kind: 'deal'; d: number }
  | { at: number; kind: 'dealStage'; d: number; stage: number }
  | { at: number; kind: 'close'; d: number }
  | { at: number; kind: 'merge'; c: number; into: number }
  | { at: number; kind: 'edit'; c: number; field: 'jobtitle' | 'phone' }
  | { at: number; kind: 'companyEdit' }
  | { at: number; kind: 'amount'; d: number };

export interface PlannedDeal {
  createdAt: number;
  closeAt: number;
  /** Closed before the end of the simulated period. */
  closed: boolean;
  won: boolean;
  probability: number;
  channels: Channel[];
  contacts: number[];
  /** Open stages reached (0 = appointmentscheduled … 4 = contractsent). */
  lastStage: number;
  revived?: { silenceDays: number };
  expansion: boolean;
}

export interface AccountPlan {
  /** Per contact: its role index and, for duplicates, the contact it duplicates. */
  contacts: { role: number; dupOf?: number }[];
  deals: PlannedDeal[];
  steps: Step[];
}

const ROLE_WEIGHTS: readonly (readonly [number, number])[] = [
  [0, 2],
  [1, 1.5],
  [2, 2],
  [3, 3],
  [4, 4],
  [5, 0.5],
];

/** Plans one account whose first contact appears at `t0`, simulated up to `end`. */
/** `duplicate` forces a merged duplicate contact (the generator wants at least one per portal). */
export function planAccount(
  rng: Rng,
  spec: ScaleSpec,
  t0: number,
  end: number,
  duplicate = false,
): AccountPlan {
  const plan: AccountPlan = { contacts: [], deals: [], steps: [{ at: t0, kind: 'company' }] };
  const steps = plan.steps;
  const joined: { c: number; at: number }[] = [];
  const [lo, hi] = spec.contactsPerCompany;
  const size = lo + Math.floor((hi - lo + 1) * rng.next() ** 1.6);

  const addContact = (at: number): number => {
    const c = plan.contacts.length;
    plan.contacts.push({ role: c === 0 ? rng.pick([0, 2]) : rng.weighted(ROLE_WEIGHTS) });
    const channel = rng.weighted(FIRST_TOUCH_MIX);
    steps.push({ at, kind: 'contact', c, channel });
    joined.push({ c, at });
    if (channel === 'offline') addTouch(at + rng.int(5, 90) * MINUTE_MS, rng.pick(OUTREACH), c);
    return c;
  };
  const present = (at: number): number[] =>
    joined.filter((j) => j.at <= at && plan.contacts[j.c]?.dupOf === undefined).map((j) => j.c);
  /** A touch; sales touches bring notes and tasks, sales emails a follow-up sequence before `limit`. */
  function addTouch(at: number, channel: Channel, c?: number, revival?: true, limit = at): void {
    const who = c ?? rng.pick(present(at));
    const step: Step = { at, kind: 'touch', c: who, channel };
    if (revival) step.revival = true;
    if (rng.chance(0.22) && channel !== 'offline') step.convert = true;
    steps.push(step);
    if (channel !== 'sales_call' && channel !== 'sales_meeting' && channel !== 'sales_email')
      return;
    if (rng.chance(channel === 'sales_meeting' ? 0.85 : 0.5))
      steps.push({ at: at + 10 * MINUTE_MS, kind: 'note', c: who, due: 0 });
    if (rng.chance(0.45))
      steps.push({ at, kind: 'task', c: who, due: at + rng.int(1, 3) * DAY_MS });
    if (channel !== 'sales_email') return;
    // Sequences: the same channel again, so they add records without adding distinct channels.
    let next = at;
    for (let k = rng.int(0, 4); k > 0; k--) {
      next += Math.floor(rng.uniform(2, 5) * DAY_MS);
      if (next >= limit) break;
      steps.push({ at: next, kind: 'touch', c: who, channel });
    }
  }
  const phase = (from: number, to: number, rate: number, mix: Mix): void => {
    const stop = Math.min(to, end);
    for (let at = from + rng.exponential(1 / rate) * DAY_MS; at < stop;) {
      addTouch(Math.floor(at), rng.weighted(mix), undefined, undefined, stop);
      at += rng.exponential(1 / rate) * DAY_MS;
    }
  };

  // The group assembles over the first months; a dormant account goes quiet after that.
  const wantsDeal = rng.chance(spec.dealRate);
  const revive = wantsDeal && rng.chance(spec.reviveRate);
  const assembly = revive ? rng.uniform(20, 100) * DAY_MS : rng.uniform(20, 240) * DAY_MS;
  addContact(t0);
  for (let i = 1; i < size; i++) {
    const at = t0 + Math.floor(rng.next() * assembly);
    if (at < end) addContact(at);
  }
  let cursor = t0;
  let tD = t0 + (revive ? assembly : rng.uniform(15, 260) * DAY_MS);
  // Dormancy: nothing at all is planned strictly between these two instants.
  let silenceFrom = Infinity;
  let revivalAt = -Infinity;
  if (revive) {
    phase(t0, tD, RATES.nurture * 1.5, NURTURE_MIX);
    silenceFrom = tD;
    const tR = Math.floor(tD + rng.uniform(62, 200) * DAY_MS);
    if (tR + 30 * DAY_MS < end) {
      revivalAt = tR;
      addTouch(tR, rng.weighted(REVIVAL_MIX), rng.pick(present(tD)), true);
      cursor = tR;
      tD = tR + rng.uniform(2, 21) * DAY_MS;
      const dl = deal(Math.floor(tD), false);
      dl.revived = { silenceDays: 0 }; // measured once every step is planned
      plan.deals.push(dl);
    } else {
      cursor = end; // ran out of simulated time: stays dormant, no deal
    }
  } else if (wantsDeal && tD < end - DAY_MS) {
    plan.deals.push(deal(Math.floor(tD), false));
  }

  function deal(createdAt: number, expansion: boolean): PlannedDeal {
    return {
      createdAt,
      closeAt: createdAt + Math.floor(rng.uniform(20, 170) * DAY_MS),
      closed: false,
      won: false,
      probability: 0,
      channels: [],
      contacts: [],
      lastStage: 0,
      expansion,
    };
  }

  for (let d = 0; d < plan.deals.length && d < 3; d++) {
    const dl = plan.deals[d]!;
    if (!dl.revived) phase(cursor, dl.createdAt, RATES.nurture, NURTURE_MIX);
    runDeal(d, dl);
    cursor = dl.closeAt;
    const again = dl.won ? 0.3 : 0.12;
    const next = dl.closeAt + rng.uniform(30, 200) * DAY_MS;
    if (dl.closed && rng.chance(again) && next < end - DAY_MS) {
      phase(cursor, next, RATES.tail, NURTURE_MIX);
      cursor = next;
      plan.deals.push(deal(Math.floor(next), true));
    }
  }
  if (plan.deals.length === 0 && !revive) {
    phase(t0, t0 + rng.uniform(30, 400) * DAY_MS, RATES.nurture, NURTURE_MIX);
  } else if (cursor < end) {
    phase(cursor, end, RATES.tail, NURTURE_MIX);
  }
  if (rng.chance(spec.mergeRate) || duplicate) planDuplicate();
  planEdits();
  // Notes and follow-ups of the last touches would land after the end of the simulated period.
  plan.steps = steps.filter((s) => s.at <= end).sort((a, b) => a.at - b.at);
  const revived = plan.deals[0]?.revived;
  if (revived) {
    let last = t0;
    for (const s of plan.steps) if (s.at < revivalAt && s.kind !== 'task') last = s.at;
    revived.silenceDays = (revivalAt - last) / DAY_MS;
  }
  return plan;

  function runDeal(d: number, dl: PlannedDeal): void {
    const group = present(dl.createdAt);
    dl.contacts = rng.chance(0.05)
      ? []
      : group.filter((c) => (plan.contacts[c]?.role ?? 4) <= 2 || rng.chance(0.6));
    if (group.length > 0 && dl.contacts.length === 0 && rng.chance(0.9)) dl.contacts = [group[0]!];
    steps.push({ at: dl.createdAt, kind: 'deal', d });
    // Deals usually open right after a sales conversation; a revived one right after its revival.
    if (!dl.revived) addTouch(dl.createdAt - rng.int(10, 600) * MINUTE_MS, rng.weighted(OPENERS));
    if (rng.chance(0.25) && dl.createdAt + 10 * DAY_MS < end) addContact(dl.createdAt + 5 * DAY_MS);
    phase(dl.createdAt, dl.closeAt, RATES.sales, SALES_MIX);
    dl.closed = dl.closeAt <= end;
    const from = dl.createdAt - LOOKBACK_MS;
    const seen = new Set<Channel>();
    for (const s of steps)
      if ((s.kind === 'touch' || s.kind === 'contact') && s.at >= from && s.at <= dl.closeAt)
        seen.add(s.channel);
    dl.channels = [...seen].sort();
    dl.probability = winProbability(seen);
    dl.won = dl.closed && rng.chance(dl.probability);
    const reach = dl.won ? 4 : rng.int(0, 4);
    const span = Math.min(dl.closeAt, end) - dl.createdAt;
    for (let stage = 1; stage <= reach; stage++) {
      const at = dl.createdAt + Math.floor((span * (stage - rng.uniform(0, 0.6))) / 5);
      if (at > end || (!dl.closed && at > dl.createdAt + span * 0.9)) break;
      steps.push({ at, kind: 'dealStage', d, stage });
      dl.lastStage = stage;
    }
    if (dl.closed) steps.push({ at: dl.closeAt, kind: 'close', d });
    if (rng.chance(0.3)) steps.push({ at: dl.createdAt + Math.floor(span / 3), kind: 'amount', d });
  }

  function planDuplicate(): void {
    const original = rng.pick(present(end));
    const at = (joined.find((j) => j.c === original)?.at ?? t0) + rng.uniform(1, 60) * DAY_MS;
    const merge = at + rng.uniform(1, 30) * DAY_MS;
    if (merge >= end || inSilence(at) || inSilence(merge)) return;
    const c = plan.contacts.length;
    plan.contacts.push({ role: plan.contacts[original]?.role ?? 4, dupOf: original });
    // A duplicate arrives by direct traffic (effect 0), so merging it cannot change the truth.
    steps.push({ at: Math.floor(at), kind: 'contact', c, channel: 'direct' });
    steps.push({ at: Math.floor(merge), kind: 'merge', c, into: original });
  }

  function inSilence(at: number): boolean {
    return at > silenceFrom && at < revivalAt;
  }

  function planEdits(): void {
    for (const j of joined) {
      if (!rng.chance(0.08)) continue;
      const at = Math.floor(j.at + rng.uniform(10, 300) * DAY_MS);
      if (at < end && !inSilence(at))
        steps.push({ at, kind: 'edit', c: j.c, field: rng.chance(0.5) ? 'jobtitle' : 'phone' });
    }
    const at = Math.floor(t0 + rng.uniform(30, 500) * DAY_MS);
    if (rng.chance(0.15) && at < end && !inSilence(at)) steps.push({ at, kind: 'companyEdit' });
  }
}
