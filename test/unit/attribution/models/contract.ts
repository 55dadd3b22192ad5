// The shared contract of every rule model (STYLE.md §3, ATTRIBUTION.md §7). Imported by each
// model's test file; no `.test` suffix, so it runs only through them.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ROLES,
  type BucketWeights,
  type DealStage,
  type Role,
  type RuleModelId,
  type TouchKind,
} from '../../../../src/domain/index.js';
import { attributeJourney } from '../../../../src/attribution/attribute.js';
import { assembleJourney, parseJourneyOptions } from '../../../../src/attribution/journey.js';
import type { RuleModel } from '../../../../src/attribution/models/model.js';
import type { Contact, Deal, Journey, Touchpoint } from '../../../../src/attribution/types.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 2, 1);

export interface Scenario {
  readonly deal: Deal;
  readonly contacts: readonly Contact[];
  readonly touches: readonly Touchpoint[];
  readonly now: number;
  readonly pending: boolean;
  readonly accountScope: boolean;
}

const CONTACT_IDS = ['a', 'B', 'c10', 'c9', 'é'];
const CHANNELS = ['direct', 'Direct', 'direct_traffic', 'email', 'paid_search', 'webinar'];
const KINDS: readonly TouchKind[] = ['visit', 'form_submission', 'meeting', 'call', 'event'];
// Few distinct times, so ties (equal occurredAt) are common.
const TIMES = [-400, -90, -30, -1, 0, 0.5, 1, 10, 30, 60, 61].map((d) => T0 + d * DAY);

const contactArb = (id: string): fc.Arbitrary<Contact> =>
  fc
    .record({
      createdAt: fc.constantFrom(...TIMES),
      inCompany: fc.boolean(),
    })
    .map(({ createdAt, inCompany }) => ({
      id,
      createdAt,
      ...(inCompany ? { companyIds: ['co1'] } : {}),
    }));

const touchArb = (i: number): fc.Arbitrary<Touchpoint> =>
  fc
    .record({
      at: fc.constantFrom(...TIMES),
      contacts: fc.subarray([...CONTACT_IDS, 'outsider'], { minLength: 1, maxLength: 2 }),
      channel: fc.constantFrom(...CHANNELS),
      kind: fc.constantFrom(...KINDS),
      creates: fc.option(fc.constantFrom(...CONTACT_IDS), { freq: 4 }),
      id: fc.constantFrom(`t${String(i)}`, `T${String(i)}`, `${String(i)}0`),
    })
    .map(({ at, contacts, channel, kind, creates, id }) => ({
      id: `${id}-${String(i)}`,
      occurredAt: at,
      contactIds: contacts,
      channel,
      kind,
      team: kind === 'meeting' || kind === 'call' ? 'sales' : 'marketing',
      ...(creates === null ? {} : { createdContactIds: [creates] }),
    }));

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    contacts: fc
      .uniqueArray(fc.constantFrom(...CONTACT_IDS), { maxLength: 5 })
      .chain((ids) => fc.tuple(...ids.map(contactArb))),
    dealContacts: fc.subarray(CONTACT_IDS, { maxLength: 3 }),
    stage: fc.constantFrom<DealStage>('won', 'lost', 'open'),
    closeDays: fc.constantFrom(0, 1, 30, 60),
    touchCount: fc.integer({ min: 0, max: 9 }),
    amount: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1e12 })),
    pending: fc.boolean(),
    accountScope: fc.boolean(),
  })
  .chain((s) =>
    fc.tuple(...Array.from({ length: s.touchCount }, (_, i) => touchArb(i))).map((touches) => ({
      deal: {
        id: 'deal',
        amount: { cents: s.amount, currency: 'USD' },
        createdAt: T0,
        ...(s.stage === 'open' ? {} : { closedAt: T0 + s.closeDays * DAY }),
        stage: s.stage,
        contactIds: s.dealContacts,
        companyIds: ['co1'],
      },
      contacts: s.contacts,
      touches,
      now: T0 + s.closeDays * DAY,
      pending: s.pending,
      accountScope: s.accountScope,
    })),
  );

export function journeyOf(s: Scenario): Journey {
  const o = parseJourneyOptions({
    openDealClosing: s.pending ? 'pending' : 'renormalise',
    accountScope: s.accountScope,
  });
  if (!o.ok) throw new Error(o.message);
  return assembleJourney(s, o.value, s.now);
}

const shuffled = <T>(xs: readonly T[], keys: readonly number[]): T[] =>
  xs
    .map((x, i) => ({ x, k: keys[i % Math.max(keys.length, 1)] ?? 0, i }))
    .sort((a, b) => a.k - b.k || b.i - a.i)
    .map((e) => e.x);

/** The roles each touch holds (all milestones), as a comparable string. */
export function roleSets(journey: Journey): string[] {
  const out = journey.touches.map(() => [] as Role[]);
  for (const r of ROLES) {
    const h = journey.milestones[r];
    if (h !== undefined) out[h]!.push(r);
  }
  return out.map((rs) => rs.join('+'));
}

/**
 * §2.1 written out directly from the spec, one touch at a time, as an independent check of the
 * engine's positional algorithm (which groups holders and shares objects for speed).
 */
export function referenceShares(journey: Journey, w: BucketWeights): number[] | 'no_weighted_role' {
  const n = journey.touches.length;
  const R = ROLES.filter((r) => (w[r] ?? 0) > 0);
  const holder = (r: Role): number | undefined => journey.milestones[r];
  const M = journey.touches.map((_, i) => i).filter((i) => R.every((r) => holder(r) !== i));
  let Z = 0;
  for (const r of R) if (holder(r) !== undefined) Z += w[r]!;
  const wMid = w.MID ?? 0;
  if (wMid > 0 && M.length > 0) Z += wMid;
  if (Z === 0) return 'no_weighted_role';
  return Array.from({ length: n }, (_, t) => {
    let c = 0;
    for (const r of R) if (holder(r) === t) c += w[r]! / Z;
    if (M.includes(t) && wMid > 0) c += wMid / (Z * M.length);
    return c;
  });
}

export function runRuleModelContract(model: RuleModel, optionsSamples: readonly unknown[]): void {
  const id = model.id as RuleModelId;
  const samples = optionsSamples.length > 0 ? optionsSamples : [undefined];

  describe(`rule model contract: ${id}`, () => {
    it('has a schema that accepts the samples and an identity', () => {
      expect(model.kind).toBe('rule');
      expect(model.version).toBe(1);
      expect(model.label.length).toBeGreaterThan(0);
      expect(model.summary.length).toBeGreaterThan(0);
      for (const o of samples) expect(model.options.safeParse(o ?? {}).success).toBe(true);
    });

    it('gives non-negative fractions summing to 1 and cents summing to the amount', () => {
      fc.assert(
        fc.property(scenarioArb, fc.constantFrom(...samples), (s, o) => {
          const journey = journeyOf(s);
          const a = attributeJourney(journey, id, o);
          if (journey.touches.length === 0) {
            expect(a).toMatchObject({ status: 'unattributed', reason: 'empty_journey' });
            expect(a.unattributedCents).toBe(s.deal.amount.cents);
            return;
          }
          if (a.status === 'unattributed') {
            // Only custom weights can leave every bucket empty (§2.1 step 3).
            expect(id).toBe('custom');
            expect(a.reason).toBe('no_weighted_role');
            expect(a.unattributedCents).toBe(s.deal.amount.cents);
            return;
          }
          expect(a.credits).toHaveLength(journey.touches.length);
          let f = 0;
          let c = 0;
          for (const cr of a.credits) {
            expect(cr.fraction).toBeGreaterThanOrEqual(0);
            expect(cr.cents).toBeGreaterThanOrEqual(0);
            expect(Math.abs(cr.cents - cr.fraction * s.deal.amount.cents)).toBeLessThan(1 + 1e-6);
            f += cr.fraction;
            c += cr.cents;
          }
          expect(Math.abs(f - 1)).toBeLessThanOrEqual(1e-12);
          expect(c).toBe(s.deal.amount.cents);
        }),
        { numRuns: 100 },
      );
    });

    it('is bit-identical for any input order of touches and contacts', () => {
      fc.assert(
        fc.property(
          scenarioArb,
          fc.array(fc.integer(), { minLength: 1, maxLength: 12 }),
          fc.constantFrom(...samples),
          (s, keys, o) => {
            const a = attributeJourney(journeyOf(s), id, o);
            const reordered: Scenario = {
              ...s,
              touches: shuffled(s.touches, keys),
              contacts: shuffled(s.contacts, [...keys].reverse()),
            };
            expect(attributeJourney(journeyOf(reordered), id, o)).toStrictEqual(a);
          },
        ),
        { numRuns: 50 },
      );
    });

    it('gives equal fractions to touches with the same roles (time decay: the same time)', () => {
      fc.assert(
        fc.property(scenarioArb, fc.constantFrom(...samples), (s, o) => {
          const journey = journeyOf(s);
          const a = attributeJourney(journey, id, o);
          if (a.status !== 'attributed') return;
          const key =
            model.weights === undefined
              ? journey.touches.map((t) => String(t.occurredAt))
              : roleSets(journey);
          for (let i = 0; i < key.length; i++) {
            for (let j = i + 1; j < key.length; j++) {
              if (key[i] === key[j]) expect(a.credits[j]!.fraction).toBe(a.credits[i]!.fraction);
            }
          }
        }),
        { numRuns: 50 },
      );
    });

    if (model.weights !== undefined) {
      const weightsOf = model.weights.bind(model);
      it('matches §2.1 computed touch by touch from its weights', () => {
        fc.assert(
          fc.property(scenarioArb, fc.constantFrom(...samples), (s, o) => {
            const journey = journeyOf(s);
            if (journey.touches.length === 0) return;
            const parsed = model.options.parse(o ?? {});
            const expected = referenceShares(journey, weightsOf(parsed));
            const got = model.assign(journey, parsed);
            if (expected === 'no_weighted_role') {
              expect(got.ok).toBe(false);
              return;
            }
            expect(got.ok).toBe(true);
            if (!got.ok) return;
            got.value.forEach((sh, i) => {
              expect(sh.fraction).toBeCloseTo(expected[i]!, 14);
            });
          }),
          { numRuns: 50 },
        );
      });
    }

    it('writes with fractionsInto exactly the fractions of assign, into a dirty buffer', () => {
      fc.assert(
        fc.property(scenarioArb, fc.constantFrom(...samples), (s, o) => {
          const journey = journeyOf(s);
          const n = journey.touches.length;
          if (n === 0) return;
          const parsed = model.options.parse(o ?? {});
          const shares = model.assign(journey, parsed);
          const out = new Float64Array(n + 2).fill(0.25);
          const bulk = model.fractionsInto(journey, parsed, out);
          expect(bulk.ok).toBe(shares.ok);
          if (!shares.ok) return;
          expect(Array.from(out.subarray(0, n))).toEqual(shares.value.map((x) => x.fraction));
        }),
        { numRuns: 50 },
      );
    });

    it('gives one touch 100 %, and handles 1, 2, 3 and n touches with missing milestones', () => {
      for (const n of [1, 2, 3, 7]) {
        for (const variant of EDGE_VARIANTS) {
          const journey = edgeJourney(n, variant);
          for (const o of samples) {
            const a = attributeJourney(journey, id, o);
            if (a.status === 'unattributed') {
              expect([id, a.reason]).toEqual(['custom', 'no_weighted_role']);
              continue;
            }
            const sum = a.credits.reduce((x, c) => x + c.fraction, 0);
            expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-12);
            expect(a.credits.reduce((x, c) => x + c.cents, 0)).toBe(journey.deal.amount.cents);
            if (n === 1) {
              expect(a.credits[0]).toMatchObject({ fraction: 1, cents: 123_457 });
              expect(a.credits[0]!.reason).toBe('100% — only touch');
            }
          }
        }
      }
    });
  });
}

type EdgeVariant = 'all' | 'no_lc' | 'no_oc' | 'open' | 'pending' | 'lost' | 'all_direct';
const EDGE_VARIANTS: readonly EdgeVariant[] = [
  'all',
  'no_lc',
  'no_oc',
  'open',
  'pending',
  'lost',
  'all_direct',
];

/**
 * n touches a day apart by one contact. 'all': the first touch creates the contact and the deal
 * is created after the second; 'no_lc': nothing creates the contact and it predates every touch;
 * 'no_oc': every touch follows deal creation.
 */
export function edgeJourney(n: number, variant: EdgeVariant): Journey {
  const start = T0 - 10 * DAY;
  const contact: Contact = { id: 'c', createdAt: variant === 'no_lc' ? start - DAY : start };
  const touches: Touchpoint[] = Array.from({ length: n }, (_, i) => ({
    id: `t${String(i)}`,
    occurredAt: start + i * DAY,
    contactIds: ['c'],
    channel: variant === 'all_direct' ? 'direct' : i % 2 === 0 ? 'email' : 'direct',
    kind: 'visit',
    team: 'marketing',
    ...(i === 0 && variant !== 'no_lc' ? { createdContactIds: ['c'] } : {}),
  }));
  const open = variant === 'open' || variant === 'pending';
  const deal: Deal = {
    id: 'edge',
    amount: { cents: 123_457, currency: 'USD' },
    createdAt: variant === 'no_oc' ? start - DAY : start + DAY,
    ...(open ? {} : { closedAt: start + 100 * DAY }),
    stage: open ? 'open' : variant === 'lost' ? 'lost' : 'won',
    contactIds: ['c'],
    companyIds: [],
  };
  const o = parseJourneyOptions({
    openDealClosing: variant === 'pending' ? 'pending' : 'renormalise',
  });
  if (!o.ok) throw new Error(o.message);
  return assembleJourney({ deal, contacts: [contact], touches }, o.value, start + 100 * DAY);
}
