// The one position algorithm of ATTRIBUTION.md §2.1. Every preset is a weight vector over the
// milestone roles and the middle; missing buckets are dropped and the rest renormalised (÷ Z).
//
// Hot path (bench/rules.ts): no closures per touch, and touches with the same bucket share one
// Share object, so a 50-touch journey allocates a handful of objects, not 50.

import { z } from 'zod';
import { err, ok, type Result } from '../result.js';
import { ROLES, type Journey, type Role } from '../types.js';
import type { RoleWeights, RuleModel, RuleModelId, Share } from './model.js';

const NO_ROLES: readonly Role[] = Object.freeze([]);
const ZERO: Share = Object.freeze({ fraction: 0, roles: NO_ROLES, middle: false });

export function positionalShares(
  journey: Journey,
  weights: RoleWeights,
): Result<Share[], 'no_weighted_role'> {
  const n = journey.touches.length;
  if (n === 0) return ok([]);
  const ms = journey.milestones;
  // Up to six distinct holders: small parallel arrays beat a Map here.
  const holders: number[] = [];
  const holderRoles: Role[][] = [];
  let z = 0;
  for (const r of ROLES) {
    const w = weights[r] ?? 0;
    const h = ms[r];
    if (!(w > 0) || h === undefined) continue;
    z += w;
    let k = holders.indexOf(h);
    if (k < 0) {
      k = holders.length;
      holders.push(h);
      holderRoles.push([]);
    }
    holderRoles[k]!.push(r);
  }
  const wMid = weights.MID ?? 0;
  const middleCount = n - holders.length;
  const hasMiddle = wMid > 0 && middleCount > 0;
  if (hasMiddle) z += wMid;
  if (!(z > 0)) return err('no_weighted_role', 'no touch holds a role this model weights');

  const shares = new Array<Share>(n);
  // Not frozen: Object.freeze on fresh objects costs more than the rest of this function.
  const middle: Share = hasMiddle
    ? { fraction: wMid / (z * middleCount), roles: NO_ROLES, middle: true }
    : ZERO;
  shares.fill(middle);
  for (let k = 0; k < holders.length; k++) {
    const roles = holderRoles[k]!;
    // A touch with several roles gets their sum. Summing the weights before the one division
    // makes a touch holding every present role get exactly 1 (Z is the same sum, same order).
    let w = 0;
    for (const r of roles) w += weights[r]!;
    const f = w / z;
    shares[holders[k]!] = { fraction: f, roles, middle: false };
  }
  return ok(shares);
}

export const NO_OPTIONS = z.strictObject({});
export type NoOptions = z.infer<typeof NO_OPTIONS>;

/** A preset: fixed weights, no options. */
export function presetModel(spec: {
  readonly id: RuleModelId;
  readonly label: string;
  readonly summary: string;
  readonly weights: RoleWeights;
}): RuleModel<NoOptions> {
  const weights: RoleWeights = Object.freeze({ ...spec.weights });
  return Object.freeze({
    kind: 'rule',
    id: spec.id,
    version: 1,
    label: spec.label,
    summary: spec.summary,
    options: NO_OPTIONS,
    assign: (journey: Journey) => positionalShares(journey, weights),
    weights: () => weights,
  });
}
