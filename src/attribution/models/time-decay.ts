// Time decay (ATTRIBUTION.md §2.3): a touch's weight halves every `halfLifeDays` before the
// journey end T; always normalised (the maths: the domain's timeDecayInPlace).

import { z } from 'zod';
import { DONE, ok } from '../../kernel/index.js';
import { timeDecayInPlace, type Role } from '../../domain/index.js';
import type { Journey } from '../types.js';
import { modelText, type RuleModel, type Share } from './model.js';

const DAY_MS = 86_400_000;
const NO_ROLES: readonly Role[] = Object.freeze([]);

export const timeDecayOptions = z.strictObject({
  halfLifeDays: z
    .number({ error: 'halfLifeDays must be a number of days' })
    .positive({ error: 'halfLifeDays must be > 0' })
    .max(3650, { error: 'halfLifeDays must be ≤ 3650' })
    .default(7),
});
export type TimeDecayOptions = z.infer<typeof timeDecayOptions>;

/** Fractional days between a touch and the journey end T. */
export const daysBeforeEnd = (journey: Journey, index: number): number =>
  (journey.end - journey.touches[index]!.occurredAt) / DAY_MS;

/**
 * Days before the end into out[0..n), then the domain's timeDecayInPlace (the settings page's
 * preview runs it too). Reads occurredAt from the touches: building the journey index here would
 * cost more than the one pass it saves.
 */
function timeDecayInto(journey: Journey, options: TimeDecayOptions, out: Float64Array): void {
  const { touches, end } = journey;
  const n = touches.length;
  for (let i = 0; i < n; i++) out[i] = (end - touches[i]!.occurredAt) / DAY_MS;
  timeDecayInPlace(out, n, options.halfLifeDays);
}

export const timeDecay: RuleModel<TimeDecayOptions> = Object.freeze({
  kind: 'rule',
  id: 'time_decay',
  version: 1,
  ...modelText('time_decay'),
  options: timeDecayOptions,
  assign(journey: Journey, options: TimeDecayOptions) {
    const n = journey.touches.length;
    const fractions = new Float64Array(n);
    timeDecayInto(journey, options, fractions);
    const shares = new Array<Share>(n);
    for (let i = 0; i < n; i++) {
      shares[i] = { fraction: fractions[i]!, roles: NO_ROLES, middle: false };
    }
    return ok(shares);
  },
  fractionsInto(journey: Journey, options: TimeDecayOptions, out: Float64Array) {
    timeDecayInto(journey, options, out);
    return DONE;
  },
});
