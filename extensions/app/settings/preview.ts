// The live preview of a model's weights on one example journey. Rule models only: the engine's
// renormalisation (ATTRIBUTION.md §3) on a fixed journey; test/extensions/settings-preview.test.ts
// checks these numbers against the engine itself.
import { ROLES } from '@deal-attribution/domain';
import type { BucketWeights, Role } from '@deal-attribution/domain';

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

/**
 * Each touch's share (0–1) under position weights: a role's weight goes to the touch holding it,
 * the middle weight is split over the touches holding no weighted role, and a bucket without a
 * touch is dropped with the others scaled up. Null when nothing carries weight.
 */
export function shareByPosition(
  weights: BucketWeights,
  journey: readonly ExampleTouch[] = EXAMPLE_JOURNEY,
): number[] | null {
  const weighted = ROLES.filter((r) => (weights[r] ?? 0) > 0);
  const raw = journey.map((t) =>
    t.roles.reduce((s, r) => s + (weighted.includes(r) ? (weights[r] ?? 0) : 0), 0),
  );
  const middle = journey
    .map((t, i) => (t.roles.some((r) => weighted.includes(r)) ? -1 : i))
    .filter((i) => i >= 0);
  const mid = weights.MID ?? 0;
  if (middle.length > 0) for (const i of middle) raw[i] = (raw[i] ?? 0) + mid / middle.length;
  return normalise(raw);
}

/** Time decay: weight 2^(−days before close / half-life), normalised. */
export function shareByTimeDecay(
  halfLifeDays: number,
  journey: readonly ExampleTouch[] = EXAMPLE_JOURNEY,
): number[] | null {
  return normalise(journey.map((t) => 2 ** (-t.daysBeforeClose / halfLifeDays)));
}

function normalise(raw: readonly number[]): number[] | null {
  const total = raw.reduce((s, x) => s + x, 0);
  return total > 0 && Number.isFinite(total) ? raw.map((x) => x / total) : null;
}
