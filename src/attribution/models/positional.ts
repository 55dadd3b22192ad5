// The position models of ATTRIBUTION.md §2.1. Every preset is a weight vector over the milestone
// roles and the middle; missing buckets are dropped and the rest renormalised (÷ Z). The maths is
// the domain's positionFractionsInto (extensions/domain/weights.ts), which the settings page's
// weights preview runs too.
//
// Hot path (bench/rules.ts): the bulk path calls positionalFractionsInto directly (no object per
// touch); positionalShares adds the roles for explanations, and touches of one bucket share one
// Share object.

import { z } from 'zod';
import {
  modelInfo,
  positionFractionsInto,
  ROLES,
  type BucketWeights,
  type Role,
  type RuleModelId,
} from '../../domain/index.js';
import { DONE, err, ok, type Result } from '../../kernel/index.js';
import type { Journey } from '../types.js';
import { modelText, type RuleModel, type Share } from './model.js';

const NO_ROLES: readonly Role[] = Object.freeze([]);
const ZERO: Share = Object.freeze({ fraction: 0, roles: NO_ROLES, middle: false });

/** §2.1 into out[0..n) for the journey's n touches: the domain's positionFractionsInto. */
export function positionalFractionsInto(
  journey: Journey,
  weights: BucketWeights,
  out: Float64Array,
): Result<void, 'no_weighted_role'> {
  return positionFractionsInto(journey.touches.length, journey.milestones, weights, out)
    ? DONE
    : err('no_weighted_role', 'no touch holds a role this model weights');
}

// Valid only during one positionalShares call.
let scratch = new Float64Array(64);

/** positionalFractionsInto with, per touch, the weighted roles it holds (for the reason). */
export function positionalShares(
  journey: Journey,
  weights: BucketWeights,
): Result<Share[], 'no_weighted_role'> {
  const n = journey.touches.length;
  if (n === 0) return ok([]);
  if (scratch.length < n) scratch = new Float64Array(n * 2);
  const computed = positionalFractionsInto(journey, weights, scratch);
  if (!computed.ok) return computed;
  // Up to six distinct holders: small parallel arrays beat a Map here.
  const holders: number[] = [];
  const holderRoles: Role[][] = [];
  for (const r of ROLES) {
    const h = journey.milestones[r];
    if (!((weights[r] ?? 0) > 0) || h === undefined) continue;
    let k = holders.indexOf(h);
    if (k < 0) {
      k = holders.length;
      holders.push(h);
      holderRoles.push([]);
    }
    holderRoles[k]!.push(r);
  }
  const shares = new Array<Share>(n);
  let middle = ZERO;
  if ((weights.MID ?? 0) > 0 && holders.length < n) {
    let i = 0;
    while (holders.includes(i)) i++;
    // Not frozen: Object.freeze on fresh objects costs more than the rest of this function.
    middle = { fraction: scratch[i]!, roles: NO_ROLES, middle: true };
  }
  shares.fill(middle);
  for (let k = 0; k < holders.length; k++) {
    const h = holders[k]!;
    shares[h] = { fraction: scratch[h]!, roles: holderRoles[k]!, middle: false };
  }
  return ok(shares);
}

export const NO_OPTIONS = z.strictObject({});
export type NoOptions = z.infer<typeof NO_OPTIONS>;

/**
 * A preset's weights as fractions: the domain's percent ÷ 100 (30 → 0.3, the same double as the
 * literal), in the domain's key order. Position models are scale-free (§2.1 divides by Z); the
 * fractions keep the engine's numbers, its `weights()` and the CLI's listing as they were.
 */
export function presetWeights(id: RuleModelId): BucketWeights {
  const percent = modelInfo(id).weights;
  if (percent === null) throw new Error(`${id} has no position weights`);
  return Object.freeze(
    Object.fromEntries(Object.entries(percent).map(([bucket, w]) => [bucket, w / 100])),
  );
}

/** A preset: the domain's fixed weights, label and summary; no options. */
export function presetModel(id: RuleModelId): RuleModel<NoOptions> {
  const weights = presetWeights(id);
  return Object.freeze({
    kind: 'rule',
    id,
    version: 1,
    ...modelText(id),
    options: NO_OPTIONS,
    assign: (journey: Journey) => positionalShares(journey, weights),
    fractionsInto: (journey: Journey, _options: NoOptions, out: Float64Array) =>
      positionalFractionsInto(journey, weights, out),
    weights: () => weights,
  });
}
