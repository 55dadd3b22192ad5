// Data-driven models on deals (ATTRIBUTION.md §4.1 and §4.5): deals become path rows to learn
// from, and a learned portal-wide channel credit becomes each deal's per-touch credit in cents.
// Summing per-deal credit over deals does not reproduce the learned channel credit (a deal
// renormalises over its own channels), so reports label the two separately.

import { ROLES, type DataDrivenModelId, type Role } from '../domain/index.js';
import { formatPercent } from './explain.js';
import { allocate, currencyExponent } from './money.js';
import { INTERVAL_LEVEL } from './models/logistic.js';
import type { ChannelCredit, LearnedModel } from './models/model.js';
import { cmp } from '../kernel/index.js';
import { PathSetBuilder, type PathSet } from './paths/path-set.js';
import type { Credit, DealAttribution, Journey } from './types.js';

/**
 * §4.1: a won journey is a row with 1 conversion worth the amount (major units, so values read
 * like the deal amounts), a lost one a row with 1 null; open deals are left out. Journeys without
 * touches end up in the PathSet's `unattributed` count.
 */
export function rowsFromJourneys(journeys: readonly Journey[]): PathSet {
  const builder = new PathSetBuilder();
  const ids: number[] = [];
  for (const journey of journeys) {
    const { stage, amount } = journey.deal;
    if (stage === 'open') continue;
    ids.length = 0;
    for (const touch of journey.touches) ids.push(builder.channelId(touch.channel));
    if (stage === 'won') {
      const value = amount.cents / 10 ** currencyExponent(amount.currency);
      builder.add(ids, ids.length, 1, 0, value);
    } else {
      builder.add(ids, ids.length, 0, 1, 0);
    }
  }
  return builder.build();
}

/**
 * W_c = credit_c / Σ_d credit_d (§4.5), with credit = the removal effect for Markov (RE_c / Σ RE),
 * the positive part of the coefficient for logistic (a channel that does not raise the odds of a
 * win gets 0) and the learned conversions otherwise. All 0 when nothing has credit.
 */
export function channelWeights(learned: LearnedModel): ReadonlyMap<string, number> {
  const credit = (c: ChannelCredit): number =>
    learned.model === 'logistic'
      ? Math.max(c.coefficient ?? 0, 0)
      : (c.removalEffect ?? c.conversions);
  let total = 0;
  for (const c of learned.channels) total += credit(c);
  return new Map(
    learned.channels.map((c) => [c.channel, total > 0 ? credit(c) / total : 0] as const),
  );
}

interface Prepared {
  readonly weights: ReadonlyMap<string, number>;
  /** What each channel's weight rests on, for the reasons. */
  readonly basis: ReadonlyMap<string, string>;
}

// A learned model is applied to every deal of a portal: its weights and bases are computed once.
const prepared = new WeakMap<LearnedModel, Prepared>();

function prepare(learned: LearnedModel): Prepared {
  let p = prepared.get(learned);
  if (!p) {
    p = {
      weights: channelWeights(learned),
      basis: new Map(learned.channels.map((c) => [c.channel, basisOf(learned, c)])),
    };
    prepared.set(learned, p);
  }
  return p;
}

const BASIS: Readonly<Record<DataDrivenModelId, { name: string; basis: string }>> = {
  markov: { name: 'Markov', basis: 'Markov removal effect' },
  shapley: { name: 'Shapley', basis: 'Shapley value on conversion rates' },
  shapley_simplified: { name: 'simplified Shapley', basis: 'simplified Shapley value' },
  logistic: { name: 'logistic', basis: 'logistic regression' },
};

/** "+0.62", "-0.15", "0.00": two decimals, signed, no "-0.00". */
function signed(x: number): string {
  const r = Math.round(x * 100) / 100;
  return r > 0 ? `+${r.toFixed(2)}` : r < 0 ? `-${(-r).toFixed(2)}` : '0.00';
}

/** What a channel's weight rests on; for logistic its coefficient and bootstrap interval. */
function basisOf(learned: LearnedModel, credit: ChannelCredit): string {
  const beta = credit.coefficient;
  if (learned.model !== 'logistic' || beta === undefined) return BASIS[learned.model].basis;
  const iv = credit.interval;
  const level = Math.round(INTERVAL_LEVEL * 100);
  return (
    `logistic coefficient ${signed(beta)}` +
    (iv ? `, ${level}% interval ${signed(iv.lo)}…${signed(iv.hi)}` : '')
  );
}

function rolesByTouch(journey: Journey): Role[][] {
  const roles = journey.touches.map((): Role[] => []);
  for (const role of ROLES) {
    const i = journey.milestones[role];
    if (i !== undefined) roles[i]?.push(role);
  }
  return roles;
}

/**
 * §4.5: share_i = W_{c_i} / (n_{c_i} · Σ_{c∈C} W_c) over the deal's channel set C, with W = 0 for a
 * channel the model never saw; when no channel of the deal has weight, every touch gets 1/n
 * (`fallback: 'linear'`). Cents by largest remainder, ties to the earlier touch.
 */
export function attributeWithLearned(
  journey: Journey,
  learned: LearnedModel,
  modelId: string = learned.model,
): DealAttribution {
  const { deal, touches } = journey;
  const n = touches.length;
  if (n === 0) {
    return {
      status: 'unattributed',
      dealId: deal.id,
      model: modelId,
      amount: deal.amount,
      reason: 'empty_journey',
      credits: [],
      unattributedCents: deal.amount.cents,
    };
  }
  const { weights, basis: bases } = prepare(learned);
  const counts = new Map<string, number>();
  for (const t of touches) counts.set(t.channel, (counts.get(t.channel) ?? 0) + 1);
  let total = 0;
  for (const c of [...counts.keys()].sort(cmp)) total += weights.get(c) ?? 0; // canonical order
  const fallback = !(total > 0);
  const fractions = touches.map((t) =>
    fallback ? 1 / n : (weights.get(t.channel) ?? 0) / (counts.get(t.channel)! * total),
  );
  const cents = allocate(deal.amount.cents, fractions);
  const roles = rolesByTouch(journey);
  const { name } = BASIS[learned.model];
  const credits = touches.map((t, i): Credit => {
    const fraction = fractions[i]!;
    const share = formatPercent(fraction);
    const w = weights.get(t.channel);
    const here = counts.get(t.channel)!;
    const basis = bases.get(t.channel) ?? '';
    const reason = fallback
      ? `${share} — no channel of this deal earns credit in the ${name} model, so all ${n} ` +
        `touches share equally`
      : w === undefined
        ? `${share} — ${t.channel} does not appear in the journeys the ${name} model learned from`
        : w === 0
          ? `${share} — ${t.channel} earns no credit across the portal (${basis})`
          : `${share} — ${t.channel} earns ${formatPercent(w)} of credit across the portal ` +
            `(${basis}); ${here === 1 ? 'it is the only touch of that channel here' : `${here} touches here share it`}`;
    return { touchId: t.id, index: i, fraction, cents: cents[i]!, roles: roles[i]!, reason };
  });
  return {
    status: 'attributed',
    dealId: deal.id,
    model: modelId,
    amount: deal.amount,
    credits,
    unattributedCents: 0,
    ...(fallback && { fallback: 'linear' as const }),
  };
}
