// The live preview of a model's weights on one example journey. Rule models only: the engine's
// own maths (ATTRIBUTION.md §2.1 and §2.3), the domain's positionFractionsInto and
// timeDecayInPlace, on a fixed journey; test/extensions/settings-preview.test.ts checks that the
// engine finds the roles this journey claims and splits it the same way.
import { positionFractionsInto, timeDecayInPlace } from '@deal-attribution/domain';
import type { BucketWeights, Role, RoleHolders } from '@deal-attribution/domain';

export interface ExampleTouch {
  readonly label: string;
  readonly channel: string;
  /** Days before the deal closed. */
  readonly daysBeforeClose: number;
  readonly roles: readonly Role[];
}

/**
 * Six touches of a won deal closed on day 60: a search visit, a webinar, the form that created
 * the lead, the meeting where the deal was created, a sales call, and a direct visit just before
 * the close (so the last touch and the last non-direct touch differ).
 */
export const EXAMPLE_JOURNEY: readonly ExampleTouch[] = [
  { label: 'Search visit', channel: 'Organic search', daysBeforeClose: 58, roles: ['FIRST'] },
  { label: 'Webinar', channel: 'Events', daysBeforeClose: 45, roles: [] },
  { label: 'Form: pricing', channel: 'Paid search', daysBeforeClose: 38, roles: ['LC'] },
  { label: 'Discovery meeting', channel: 'Sales', daysBeforeClose: 30, roles: ['OC'] },
  { label: 'Sales call', channel: 'Sales', daysBeforeClose: 6, roles: ['LND'] },
  { label: 'Direct visit', channel: 'Direct', daysBeforeClose: 1, roles: ['LAST', 'CW'] },
];

/** The index of the touch holding each milestone of the journey. */
function holdersOf(journey: readonly ExampleTouch[]): RoleHolders {
  const holders: Partial<Record<Role, number>> = {};
  journey.forEach((t, i) => {
    for (const r of t.roles) holders[r] = i;
  });
  return holders;
}

/**
 * Each touch's share (0–1) under position weights: the domain's positionFractionsInto, the
 * engine's own. Null when nothing carries weight.
 */
export function shareByPosition(
  weights: BucketWeights,
  journey: readonly ExampleTouch[] = EXAMPLE_JOURNEY,
): number[] | null {
  const shares = journey.map(() => 0);
  return positionFractionsInto(journey.length, holdersOf(journey), weights, shares) ? shares : null;
}

/**
 * Time decay: the domain's timeDecayInPlace on the touches' days before the close. Null when the
 * half-life being typed gives no number (e.g. 0).
 */
export function shareByTimeDecay(
  halfLifeDays: number,
  journey: readonly ExampleTouch[] = EXAMPLE_JOURNEY,
): number[] | null {
  const shares = journey.map((t) => t.daysBeforeClose);
  timeDecayInPlace(shares, shares.length, halfLifeDays);
  return shares.every(Number.isFinite) ? shares : null;
}
