// Small helpers for the per-model tests.

import type { RuleModelId } from '../../../../src/domain/index.js';
import { attributeJourney } from '../../../../src/attribution/attribute.js';
import type { Journey } from '../../../../src/attribution/types.js';
import { edgeJourney } from './contract.js';

/** Fractions per touch in journey order (throws if unattributed). */
export function fractionsOf(journey: Journey, model: RuleModelId, options?: unknown): number[] {
  const a = attributeJourney(journey, model, options);
  if (a.status !== 'attributed') throw new Error(`unattributed: ${a.reason}`);
  return a.credits.map((c) => c.fraction);
}

/** n touches, only FIRST/LAST/LND/LC/OC/CW as edgeJourney 'all' places them. */
export const journeyOfLength = (n: number): Journey => edgeJourney(n, 'all');

/** The same touches with their times reversed (t_1 becomes the last touch, and so on). */
export function reversed(journey: Journey): Journey {
  const n = journey.touches.length;
  const times = journey.touches.map((t) => t.occurredAt);
  const touches = journey.touches
    .map((t, i) => ({ ...t, occurredAt: times[n - 1 - i]! }))
    .reverse();
  return { ...journey, touches, milestones: { FIRST: 0, LAST: n - 1 } };
}

/** Expected §2.2 row: first, middle share each, last (percent). */
export function shape(n: number, first: number, mid: number, last: number): number[] {
  if (n === 1) return [1];
  if (n === 2) return [first / (first + last), last / (first + last)];
  return [first, ...Array.from({ length: n - 2 }, () => mid / (n - 2)), last];
}
