import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assembleJourney,
  DEFAULT_JOURNEY_OPTIONS,
  journeyOptionsSchema,
  parseJourneyOptions,
} from '../../../src/attribution/journey.js';
import type { Contact, Deal, JourneyOptions, Touchpoint } from '../../../src/attribution/types.js';
import { at, C1, C2, DEAL, TOUCHES, without } from './worked-example.js';

const DAY = 86_400_000;
const NOW = at('2025-01-01T00:00');

function opts(o: Record<string, unknown> = {}): JourneyOptions {
  const r = parseJourneyOptions(o);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const touch = (
  id: string,
  occurredAt: number,
  contactIds: string[],
  extra: Partial<Touchpoint> = {},
): Touchpoint => ({
  id,
  occurredAt,
  contactIds,
  channel: 'email',
  kind: 'visit',
  team: 'marketing',
  ...extra,
});

const ids = (touches: readonly Touchpoint[]): string[] => touches.map((t) => t.id);

describe('journeyOptionsSchema', () => {
  it('fills the documented defaults', () => {
    expect(DEFAULT_JOURNEY_OPTIONS).toEqual({
      lookbackDays: 365,
      accountScope: false,
      dedupeWindowMs: 0,
      directChannels: ['direct', 'direct_traffic'],
      reactivationSilenceMs: 30 * DAY,
      openDealClosing: 'renormalise',
    });
    expect('touchKinds' in DEFAULT_JOURNEY_OPTIONS).toBe(false);
  });

  it('rejects bad settings with messages that name the field', () => {
    for (const [bad, field] of [
      [{ lookbackDays: 0 }, 'lookbackDays'],
      [{ lookbackDays: 731 }, 'lookbackDays'],
      [{ lookbackDays: 1.5 }, 'lookbackDays'],
      [{ openDealClosing: 'later' }, 'openDealClosing'],
      [{ touchKinds: ['fax'] }, 'touchKinds'],
      [{ lookback: 30 }, 'lookback'],
    ] as const) {
      const r = parseJourneyOptions(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain(field);
    }
    expect(journeyOptionsSchema.safeParse({ lookbackDays: 730 }).success).toBe(true);
  });
});

describe('assembleJourney: the §2.5 deal', () => {
  const j = assembleJourney(
    { deal: DEAL, contacts: [C2, C1], touches: TOUCHES },
    DEFAULT_JOURNEY_OPTIONS,
    NOW,
  );

  it('keeps t1..t6, drops the touch after close, and marks the published milestones', () => {
    expect(ids(j.touches)).toEqual(['t1', 't2', 't3', 't4', 't5', 't6']);
    expect(j.milestones).toEqual({ FIRST: 0, LAST: 5, LND: 5, LC: 1, OC: 3, CW: 5 });
    expect(j.start).toBe(DEAL.createdAt - 365 * DAY);
    expect(j.end).toBe(DEAL.closedAt);
    expect(j.contacts.map((c) => c.id)).toEqual(['C1', 'C2']);
    expect(j.pendingClose).toBe(false);
  });

  it('flags a touch after ≥ 30 days of silence as a reactivation', () => {
    // t2 (01-10) → t3 (02-15) is 36.2 days, t4 (02-28) → t5 (04-10) 41.2, t5 → t6 (05-30) 49.8.
    expect(j.reactivations).toEqual([2, 4, 5]);
    const quiet = assembleJourney(
      { deal: DEAL, contacts: [C1, C2], touches: TOUCHES },
      opts({ reactivationSilenceMs: 50 * DAY }),
      NOW,
    );
    expect(quiet.reactivations).toEqual([]);
  });
});

const base: Deal = {
  id: 'd',
  amount: { cents: 100, currency: 'USD' },
  createdAt: 1000 * DAY,
  closedAt: 1100 * DAY,
  stage: 'won',
  contactIds: ['a'],
  companyIds: ['co'],
};
const A: Contact = { id: 'a', createdAt: 900 * DAY, companyIds: ['co'] };
const B: Contact = { id: 'b', createdAt: 800 * DAY, companyIds: ['co'] };
const X: Contact = { id: 'x', createdAt: 800 * DAY, companyIds: ['other'] };

describe('assembleJourney: buying group, window and order', () => {
  it('includes company contacts only with account scope', () => {
    const touches = [
      touch('ta', 950 * DAY, ['a']),
      touch('tb', 960 * DAY, ['b']),
      touch('tx', 970 * DAY, ['x']),
    ];
    const input = { deal: base, contacts: [A, B, X], touches };
    expect(ids(assembleJourney(input, opts(), NOW).touches)).toEqual(['ta']);
    const account = assembleJourney(input, opts({ accountScope: true }), NOW);
    expect(ids(account.touches)).toEqual(['ta', 'tb']);
    expect(account.contacts.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('has inclusive bounds: start = createdAt − lookback, end = close', () => {
    const start = base.createdAt - 30 * DAY;
    const touches = [
      touch('before', start - 1, ['a']),
      touch('start', start, ['a']),
      touch('close', base.closedAt!, ['a']),
      touch('after', base.closedAt! + 1, ['a']),
    ];
    const j = assembleJourney(
      { deal: base, contacts: [A], touches },
      opts({ lookbackDays: 30 }),
      NOW,
    );
    expect(ids(j.touches)).toEqual(['start', 'close']);
  });

  it('ends an open deal’s window at now', () => {
    const open: Deal = { ...without(base, 'closedAt'), stage: 'open' };
    const now = 1050 * DAY;
    const touches = [
      touch('t1', 1040 * DAY, ['a']),
      touch('t2', now, ['a']),
      touch('t3', now + 1, ['a']),
    ];
    const j = assembleJourney({ deal: open, contacts: [A], touches }, opts(), now);
    expect(ids(j.touches)).toEqual(['t1', 't2']);
    expect(j.end).toBe(now);
    expect(j.milestones.CW).toBeUndefined();
    const pending = assembleJourney(
      { deal: open, contacts: [A], touches },
      opts({ openDealClosing: 'pending' }),
      now,
    );
    expect(pending.milestones.CW).toBe(1);
    expect(pending.pendingClose).toBe(true);
  });

  it('gives lost deals no closed-won touch', () => {
    const j = assembleJourney(
      { deal: { ...base, stage: 'lost' }, contacts: [A], touches: [touch('t', 950 * DAY, ['a'])] },
      opts(),
      NOW,
    );
    expect(j.milestones.CW).toBeUndefined();
    expect(j.milestones.LAST).toBe(0);
  });

  it('orders by time, then id as UTF-16 code units (not numerically, not by locale)', () => {
    const t = 950 * DAY;
    const touches = ['b', 'a', '9', '10', 'B', 'é'].map((id) => touch(id, t, ['a']));
    touches.push(touch('z-early', t - 1, ['a']));
    const j = assembleJourney({ deal: base, contacts: [A], touches }, opts(), NOW);
    expect(ids(j.touches)).toEqual(['z-early', '10', '9', 'B', 'a', 'b', 'é']);
  });

  it('counts one id reached through two contacts as one touch', () => {
    const touches = [touch('t', 950 * DAY, ['a']), touch('t', 950 * DAY, ['b'])];
    const j = assembleJourney(
      { deal: { ...base, contactIds: ['a', 'b'] }, contacts: [B, A], touches },
      opts(),
      NOW,
    );
    expect(j.touches).toHaveLength(1);
    expect(j.touches[0]?.contactIds).toEqual(['a', 'b']);
  });

  it('applies the touch kind and team filters', () => {
    const touches = [
      touch('v', 950 * DAY, ['a']),
      touch('m', 951 * DAY, ['a'], { kind: 'meeting', team: 'sales' }),
      touch('f', 952 * DAY, ['a'], { kind: 'form_submission' }),
    ];
    const input = { deal: base, contacts: [A], touches };
    expect(ids(assembleJourney(input, opts({ teams: ['sales'] }), NOW).touches)).toEqual(['m']);
    expect(
      ids(assembleJourney(input, opts({ touchKinds: ['visit', 'form_submission'] }), NOW).touches),
    ).toEqual(['v', 'f']);
  });
});

describe('assembleJourney: milestones', () => {
  it('LC: the creating touch of the oldest deal contact wins over later ones', () => {
    const touches = [
      touch('t1', 850 * DAY, ['b'], { createdContactIds: ['b'] }),
      touch('t2', 890 * DAY, ['a'], { createdContactIds: ['a'] }),
    ];
    // Deal contacts a and b: b (created 800) is c*; its creating touch is t1 even though it came later than b.createdAt.
    const j = assembleJourney(
      { deal: { ...base, contactIds: ['a', 'b'] }, contacts: [A, B], touches },
      opts(),
      NOW,
    );
    expect(j.milestones.LC).toBe(0);
  });

  it('LC: falls back to the last touch of c* at/before its creation, later one among equal times', () => {
    const touches = [
      touch('t1', 880 * DAY, ['a']),
      touch('t3', 900 * DAY, ['a']),
      touch('t2', 900 * DAY, ['a']),
      touch('t4', 901 * DAY, ['a']),
    ];
    const j = assembleJourney({ deal: base, contacts: [A], touches }, opts(), NOW);
    expect(ids(j.touches)).toEqual(['t1', 't2', 't3', 't4']);
    expect(j.milestones.LC).toBe(2);
  });

  it('LC: none when c* has no creating touch and nothing at/before its creation', () => {
    const j = assembleJourney(
      { deal: base, contacts: [A], touches: [touch('t', 901 * DAY, ['a'])] },
      opts(),
      NOW,
    );
    expect(j.milestones.LC).toBeUndefined();
  });

  it('LC: breaks a createdAt tie by the smaller id, and uses the buying group when the deal has no contacts', () => {
    const a2: Contact = { id: 'a2', createdAt: 900 * DAY, companyIds: ['co'] };
    const touches = [touch('ta2', 899 * DAY, ['a2']), touch('ta', 899.5 * DAY, ['a'])];
    const j = assembleJourney(
      { deal: { ...base, contactIds: ['a2', 'a'] }, contacts: [a2, A], touches },
      opts(),
      NOW,
    );
    expect(j.milestones.LC).toBe(1); // c* = 'a' < 'a2'
    const noContacts = { ...base, contactIds: [] };
    const g = assembleJourney(
      {
        deal: noContacts,
        contacts: [a2, A, B],
        touches: [...touches, touch('tb', 700 * DAY, ['b'])],
      },
      opts({ accountScope: true }),
      NOW,
    );
    expect(ids(g.touches)[g.milestones.LC!]).toBe('tb'); // c* = b, the oldest of the group
  });

  it('OC: the last touch at/before deal creation (inclusive; later among equal times)', () => {
    const touches = [
      touch('t1', 990 * DAY, ['a']),
      touch('t2', base.createdAt, ['a']),
      touch('t0', base.createdAt, ['a']),
      touch('t3', base.createdAt + 1, ['a']),
    ];
    const j = assembleJourney({ deal: base, contacts: [A], touches }, opts(), NOW);
    expect(ids(j.touches)[j.milestones.OC!]).toBe('t2');
  });

  it('LND: the last touch whose channel is not direct, else the last touch', () => {
    const touches = [
      touch('t1', 990 * DAY, ['a'], { channel: 'webinar' }),
      touch('t2', 995 * DAY, ['a'], { channel: 'Direct' }),
    ];
    const j = assembleJourney({ deal: base, contacts: [A], touches }, opts(), NOW);
    expect(j.milestones.LND).toBe(0);
  });
});

describe('assembleJourney: de-duplication', () => {
  const touches = [
    touch('t1', 950 * DAY, ['a']),
    touch('t2', 950 * DAY + 1000, ['a']), // same contact + channel within 1 h of t1: dropped
    touch('t3', 950 * DAY + 2000, ['a'], { channel: 'webinar' }), // other channel: kept
    touch('t4', 950 * DAY + 3_600_000, ['a']), // 1 h after t1, not within (window is strict): kept
    touch('t5', 950 * DAY + 3_600_500, ['a'], { createdContactIds: ['a'] }), // creates a contact: kept
  ];
  const input = { deal: base, contacts: [A], touches };

  it('is off by default', () => {
    expect(assembleJourney(input, opts(), NOW).touches).toHaveLength(5);
  });

  it('drops repeats of one contact and channel within the window after a kept touch and records them', () => {
    const j = assembleJourney(input, opts({ dedupeWindowMs: 3_600_000 }), NOW);
    expect(ids(j.touches)).toEqual(['t1', 't3', 't4', 't5']);
    expect(j.deduplicated).toEqual([{ id: 't2', into: 't1' }]);
  });

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(touches, { minLength: touches.length }), (shuffled) => {
        const o = opts({ dedupeWindowMs: 3_600_000 });
        expect(assembleJourney({ ...input, touches: shuffled }, o, NOW)).toStrictEqual(
          assembleJourney(input, o, NOW),
        );
      }),
      { numRuns: 50 },
    );
  });
});
