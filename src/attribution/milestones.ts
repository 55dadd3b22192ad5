// Milestone roles of an ordered journey (ATTRIBUTION.md §1, table "Roles").
// Every rule is "last touch at/before x" or "first touch with y": scanning in journey order and
// letting a later match overwrite an earlier one gives "among equal timestamps the later one in
// the order wins" for free.

import type { Contact, Deal, Milestones, Touchpoint } from './types.js';
import { cmp } from '../kernel/index.js';

export interface MilestoneInput {
  readonly deal: Deal;
  readonly touches: readonly Touchpoint[];
  /** Known contacts of the buying group, sorted by id. */
  readonly contacts: readonly Contact[];
  /** Lower-cased channels that count as direct. */
  readonly direct: ReadonlySet<string>;
  /** Open deals only: t_n holds a PENDING CW. */
  readonly pending: boolean;
}

/** c*: the deal's oldest contact (min createdAt, then smaller id); the buying group's if the deal has none. */
export function oldestContact(deal: Deal, contacts: readonly Contact[]): Contact | undefined {
  const dealIds = new Set(deal.contactIds);
  const own = contacts.filter((c) => dealIds.has(c.id));
  const pool = own.length > 0 ? own : contacts;
  let best: Contact | undefined;
  for (const c of pool) {
    if (
      best === undefined ||
      c.createdAt < best.createdAt ||
      (c.createdAt === best.createdAt && cmp(c.id, best.id) < 0)
    ) {
      best = c;
    }
  }
  return best;
}

export function findMilestones(input: MilestoneInput): Milestones {
  const { deal, touches, direct } = input;
  const n = touches.length;
  if (n === 0) return {};
  const m: { -readonly [K in keyof Milestones]: Milestones[K] } = { FIRST: 0, LAST: n - 1 };

  let lnd = n - 1; // all direct → t_n
  for (let i = n - 1; i >= 0; i--) {
    if (!direct.has(touches[i]!.channel.toLowerCase())) {
      lnd = i;
      break;
    }
  }
  m.LND = lnd;

  const lc = leadCreation(touches, oldestContact(deal, input.contacts));
  if (lc !== undefined) m.LC = lc;

  let oc: number | undefined;
  for (let i = 0; i < n && touches[i]!.occurredAt <= deal.createdAt; i++) oc = i;
  if (oc !== undefined) m.OC = oc;

  // Touches after close are already outside the journey, so the last touch at/before closedAt is t_n.
  if (deal.stage === 'won' || (deal.stage === 'open' && input.pending)) m.CW = n - 1;
  return m;
}

function leadCreation(touches: readonly Touchpoint[], c: Contact | undefined): number | undefined {
  if (c === undefined) return undefined;
  for (let i = 0; i < touches.length; i++) {
    if (touches[i]!.createdContactIds?.includes(c.id) === true) return i;
  }
  let last: number | undefined;
  for (let i = 0; i < touches.length; i++) {
    const t = touches[i]!;
    if (t.occurredAt > c.createdAt) break;
    if (t.contactIds.includes(c.id)) last = i;
  }
  return last;
}
