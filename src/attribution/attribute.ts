// A rule model applied to one deal: fractions → integer cents (largest remainder, ties to the
// earlier touch, ATTRIBUTION.md §3) → credits with roles and reasons (attributeJourney, the deal
// card), or only the cents (attributeCents, the bulk path of recomputes and write-back). Both run
// the model's one fraction computation and the same weighAndAllocate step.

import { z } from 'zod';
import type { Role, RuleModelId } from '../domain/index.js';
import { journeyIndex } from './journey-index.js';
import { cachedReason, type ReasonInput } from './explain.js';
import { allocateInto } from './cents.js';
import { allocate } from './money.js';
import type { Share } from './models/model.js';
import { getRuleModel, type AnyRuleModel } from './models/registry.js';
import type { Credit, DealAttribution, Journey } from './types.js';

/** Buying-group role → weight (e.g. decision_maker 1.5, user 0.5). Unknown roles weigh 1. */
export const contactRoleWeightsSchema = z.record(
  z.string().min(1),
  z.number().min(0, { error: 'role weights must be ≥ 0' }),
);

export interface AttributeExtra {
  readonly contactRoleWeights?: Readonly<Record<string, number>>;
}

const NO_ROLES: readonly Role[] = Object.freeze([]);

// Options usually come from one settings object reused for every deal: parse each object once.
const parsedOptions = new WeakMap<AnyRuleModel, WeakMap<object, unknown>>();
const defaultOptions = new WeakMap<AnyRuleModel, unknown>();

function parseOptions(model: AnyRuleModel, raw: unknown): unknown {
  if (raw === undefined) {
    let parsed = defaultOptions.get(model);
    if (parsed === undefined) defaultOptions.set(model, (parsed = parseOrThrow(model, {})));
    return parsed;
  }
  if (typeof raw !== 'object' || raw === null) return parseOrThrow(model, raw);
  let cache = parsedOptions.get(model);
  if (cache === undefined) parsedOptions.set(model, (cache = new WeakMap()));
  if (!cache.has(raw)) cache.set(raw, parseOrThrow(model, raw));
  return cache.get(raw);
}

/** Settings are validated when saved, so invalid options here are a bug, not user input. */
function parseOrThrow(model: AnyRuleModel, raw: unknown): unknown {
  const r = model.options.safeParse(raw);
  if (r.success) return r.data;
  const detail = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`invalid options for ${model.id}: ${detail.join('; ')}`);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function unattributed(
  journey: Journey,
  modelId: RuleModelId,
  reason: 'empty_journey' | 'no_weighted_role',
): DealAttribution {
  const { deal } = journey;
  return {
    status: 'unattributed',
    dealId: deal.id,
    model: modelId,
    amount: deal.amount,
    reason,
    credits: [],
    unattributedCents: deal.amount.cents,
  };
}

/**
 * Credits of one deal under a rule model. `options` are the model's raw options (validated and
 * defaulted by its schema; undefined = defaults). Every touch of the journey gets a credit, in
 * journey order, including those with 0.
 */
export function attributeJourney(
  journey: Journey,
  modelId: RuleModelId,
  options?: unknown,
  extra?: AttributeExtra,
): DealAttribution {
  const model = getRuleModel(modelId);
  const { deal, touches } = journey;
  const n = touches.length;
  if (n === 0) return unattributed(journey, modelId, 'empty_journey');
  const opts = parseOptions(model, options);
  const assigned = model.assign(journey, opts);
  if (!assigned.ok) return unattributed(journey, modelId, 'no_weighted_role');
  const shares = assigned.value;

  reserve(n);
  const fractions = scratchFractions;
  let middleCount = 0;
  for (let i = 0; i < n; i++) {
    const s = shares[i]!;
    fractions[i] = s.fraction;
    if (s.middle) middleCount++;
  }
  const weighting = weighAndAllocate(journey, n, extra, scratchCents);
  if (weighting === null) return unattributed(journey, modelId, 'no_weighted_role');
  const cents = scratchCents;
  const { ids, times, roles } = journeyIndex(journey);
  const timeDecay = modelId === 'time_decay';
  // One context reused for every touch: building 50 objects per deal only to read them is waste.
  const ctx: Mutable<ReasonInput> = {
    model: modelId,
    fraction: 0,
    touchCount: n,
    roles: NO_ROLES,
    middle: false,
    middleCount,
    pendingClose: journey.pendingClose,
    open: deal.stage === 'open',
  };
  if (timeDecay) ctx.halfLifeDays = (opts as { halfLifeDays: number }).halfLifeDays;
  const credits = new Array<Credit>(n);
  let lastShare: Share | undefined;
  let lastReason = '';
  for (let i = 0; i < n; i++) {
    const share = shares[i]!;
    const fraction = fractions[i]!;
    const roleWeight = weighting?.[i];
    // Touches of one bucket share one Share object and so one reason.
    if (share !== lastShare || timeDecay || weighting !== undefined) {
      ctx.fraction = fraction;
      ctx.roles = share.roles;
      ctx.middle = share.middle;
      if (timeDecay) ctx.daysBeforeEnd = (journey.end - times[i]!) / DAY_MS;
      // No `delete` on ctx: it would drop the object into slow dictionary mode.
      lastReason = cachedReason(roleWeight === undefined ? ctx : { ...ctx, roleWeight });
      lastShare = share;
    }
    credits[i] = {
      touchId: ids[i]!,
      index: i,
      fraction,
      cents: cents[i]!,
      roles: roles[i] ?? NO_ROLES,
      reason: lastReason,
    };
  }
  return {
    status: 'attributed',
    dealId: deal.id,
    model: modelId,
    amount: deal.amount,
    credits,
    unattributedCents: 0,
  };
}

const DAY_MS = 86_400_000;

// Scratch buffers reused across calls: three typed arrays per deal were a large share of the
// garbage when attributing 100,000 deals per model. Valid only during one call.
let scratchFractions = new Float64Array(64);
let scratchCents = new Float64Array(64);
let scratchKeys = new Float64Array(64);

function reserve(n: number): void {
  if (scratchFractions.length >= n) return;
  scratchFractions = new Float64Array(n * 2);
  scratchCents = new Float64Array(n * 2);
  scratchKeys = new Float64Array(n * 2);
}

/**
 * The step both paths share: contact role weights (if any) on scratchFractions[0..n), then §3
 * into out[0..n) — `allocate` itself for the cases allocateInto leaves to it. Returns the
 * per-touch role weighting (undefined without a table), or null when no weighted touch is left.
 */
function weighAndAllocate(
  journey: Journey,
  n: number,
  extra: AttributeExtra | undefined,
  out: Float64Array,
): RoleWeighting | undefined | null {
  const weighting =
    extra?.contactRoleWeights === undefined
      ? undefined
      : applyRoleWeights(journey, extra.contactRoleWeights, scratchFractions, n);
  if (weighting === null) return null;
  const amount = journey.deal.amount.cents;
  if (!allocateInto(amount, scratchFractions, n, out, scratchKeys)) {
    out.set(allocate(amount, scratchFractions.subarray(0, n)));
  }
  return weighting;
}

type RoleWeighting = ({ role: string; weight: number } | undefined)[];

/** A deal's cents under a rule model, without credits or reasons (the bulk path). */
export type CentsAttribution =
  | {
      readonly status: 'attributed';
      /** Integer cents per touch in cents[0..n), n = journey.touches.length; Σ = the amount. */
      readonly cents: Float64Array;
    }
  | {
      readonly status: 'unattributed';
      readonly reason: 'empty_journey' | 'no_weighted_role';
      readonly unattributedCents: number;
    };

/**
 * The cents attributeJourney would give each touch, bit for bit, for recomputes and write-back
 * where reasons are not needed: no Share, Credit or reason per touch. With `out` (length ≥ n) the
 * cents are written into it and it is returned (it stays valid after the call; the caller owns
 * it); without, a fresh array of length n is returned.
 */
export function attributeCents(
  journey: Journey,
  modelId: RuleModelId,
  options?: unknown,
  extra?: AttributeExtra,
  out?: Float64Array,
): CentsAttribution {
  const n = journey.touches.length;
  if (n === 0) return unattributedCents(journey, 'empty_journey');
  const model = getRuleModel(modelId);
  const opts = parseOptions(model, options);
  reserve(n);
  if (!model.fractionsInto(journey, opts, scratchFractions).ok) {
    return unattributedCents(journey, 'no_weighted_role');
  }
  const cents = out !== undefined && out.length >= n ? out : new Float64Array(n);
  if (weighAndAllocate(journey, n, extra, cents) === null) {
    return unattributedCents(journey, 'no_weighted_role');
  }
  return { status: 'attributed', cents };
}

function unattributedCents(
  journey: Journey,
  reason: 'empty_journey' | 'no_weighted_role',
): CentsAttribution {
  return { status: 'unattributed', reason, unattributedCents: journey.deal.amount.cents };
}

/**
 * Contact role weights (our rule, not in ATTRIBUTION.md): a touch's fraction is multiplied by the
 * largest weight among the roles of its buying-group contacts (a contact without a role, or with a
 * role missing from the table, weighs 1), then all fractions are renormalised to Σ = 1. Taking
 * the largest means a meeting with the decision maker and an intern counts as a decision-maker
 * meeting. Returns, per touch, the role that set a weight ≠ 1 (for the reason), or null when every
 * weighted fraction is 0 (the deal is then unattributed, `no_weighted_role`). Mutates `fractions`.
 */
function applyRoleWeights(
  journey: Journey,
  table: Readonly<Record<string, number>>,
  fractions: Float64Array,
  n: number,
): RoleWeighting | null {
  const roleOf = new Map<string, string>();
  for (const c of journey.contacts) if (c.role !== undefined) roleOf.set(c.id, c.role);
  const group = new Set(journey.deal.contactIds);
  for (const c of journey.contacts) group.add(c.id);
  const applied: RoleWeighting = [];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let best: { role: string; weight: number } | undefined;
    let weight = -1;
    for (const id of journey.touches[i]!.contactIds) {
      if (!group.has(id)) continue;
      const role = roleOf.get(id);
      const w = role !== undefined && Object.hasOwn(table, role) ? table[role]! : 1;
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`role weight of ${role ?? '?'}`);
      if (w > weight) {
        weight = w;
        best = role === undefined ? undefined : { role, weight: w };
      }
    }
    if (weight < 0) weight = 1; // cannot happen for a journey touch; keeps the share if it does
    applied.push(weight === 1 ? undefined : best);
    sum += fractions[i] = fractions[i]! * weight;
  }
  if (!(sum > 0)) return null;
  for (let i = 0; i < n; i++) fractions[i] = fractions[i]! / sum;
  return applied;
}
