// The bulk path (attributeCents) against the explained path (attributeJourney): the same cents,
// bit for bit, and the same unattributed outcomes, for every rule model.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULE_MODEL_IDS, type RuleModelId } from '../../../src/domain/index.js';
import {
  attributeCents,
  attributeJourney,
  type AttributeExtra,
} from '../../../src/attribution/attribute.js';
import type { Journey } from '../../../src/attribution/types.js';
import { edgeJourney, journeyOf, scenarioArb } from './models/contract.js';

/** Options per model; custom includes weights that leave some journeys with no weighted bucket. */
const OPTIONS: Partial<Record<RuleModelId, readonly unknown[]>> = {
  time_decay: [undefined, { halfLifeDays: 0.5 }, { halfLifeDays: 90 }],
  custom: [
    undefined,
    { weights: { OC: 1 } },
    { weights: { LC: 1, CW: 3 } },
    { weights: { FIRST: 0.3, LAST: 0.7 } },
    { weights: { LND: 2, MID: 1 } },
  ],
};
const optionsOf = (id: RuleModelId): readonly unknown[] => OPTIONS[id] ?? [undefined];

const ROLE_NAMES = ['decision_maker', 'user', 'intern', undefined] as const;
const ROLE_TABLES = [
  undefined,
  { decision_maker: 1.5, user: 0.5 },
  { decision_maker: 2, intern: 0, user: 0 },
] as const;

/** The explained path's outcome in the bulk path's terms. */
function explained(j: Journey, id: RuleModelId, o: unknown, extra?: AttributeExtra) {
  const a = attributeJourney(j, id, o, extra);
  return a.status === 'attributed'
    ? { status: a.status, cents: a.credits.map((c) => c.cents) }
    : { status: a.status, reason: a.reason, unattributedCents: a.unattributedCents };
}

function bulk(j: Journey, id: RuleModelId, o: unknown, extra?: AttributeExtra, out?: Float64Array) {
  const a = attributeCents(j, id, o, extra, out);
  if (a.status !== 'attributed') return a;
  return { status: a.status, cents: Array.from(a.cents.subarray(0, j.touches.length)) };
}

describe('attributeCents (the bulk path)', () => {
  it('gives exactly attributeJourney’s cents and unattributed outcomes, for every rule model', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.constantFrom(...RULE_MODEL_IDS),
        fc.nat(),
        fc.array(fc.constantFrom(...ROLE_NAMES), { minLength: 5, maxLength: 5 }),
        fc.constantFrom(...ROLE_TABLES),
        (s, id, pick, roles, table) => {
          const samples = optionsOf(id);
          const o = samples[pick % samples.length];
          // Buying-group roles, so contact role weights change (or zero) some fractions.
          const contacts = s.contacts.map((c, i) => {
            const role = roles[i];
            return role === undefined ? c : { ...c, role };
          });
          const j = journeyOf({ ...s, contacts });
          const extra = table === undefined ? undefined : { contactRoleWeights: table };
          const expected = explained(j, id, o, extra);
          expect(bulk(j, id, o, extra)).toEqual(expected);
          // A reused, dirty buffer longer than the journey gives the same cents.
          const out = new Float64Array(j.touches.length + 3).fill(-7);
          expect(bulk(j, id, o, extra, out)).toEqual(expected);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('matches on journeys of 1 to 60 touches with missing milestones (many distinct shares)', () => {
    const out = new Float64Array(64).fill(99);
    for (const n of [1, 2, 3, 8, 9, 10, 17, 50, 60]) {
      for (const variant of ['all', 'no_lc', 'no_oc', 'open', 'pending', 'lost'] as const) {
        const j = edgeJourney(n, variant);
        for (const id of RULE_MODEL_IDS) {
          for (const o of optionsOf(id)) {
            expect(bulk(j, id, o, undefined, out)).toEqual(explained(j, id, o));
          }
        }
      }
    }
  });

  it('returns cents summing to the amount in a fresh array of length n without a buffer', () => {
    const j = edgeJourney(7, 'all');
    const a = attributeCents(j, 'time_decay');
    expect(a.status).toBe('attributed');
    if (a.status !== 'attributed') return;
    expect(a.cents).toHaveLength(7);
    expect(a.cents.reduce((x, c) => x + c, 0)).toBe(123_457);
  });

  it('books the whole amount as unattributed for an empty journey', () => {
    const j = edgeJourney(0, 'all');
    expect(attributeCents(j, 'linear')).toEqual({
      status: 'unattributed',
      reason: 'empty_journey',
      unattributedCents: 123_457,
    });
  });
});
