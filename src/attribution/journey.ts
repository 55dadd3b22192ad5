// Deal journeys (ATTRIBUTION.md §1): the buying group's touches inside the lookback window, in
// one canonical order, with milestones, de-duplication and reactivations marked.
// Everything is derived from sorted data, so the journey is identical for any input order.

import { z } from 'zod';
import { TEAMS, TOUCH_KINDS } from '../domain/index.js';
import { findMilestones } from './milestones.js';
import { cmp } from '../kernel/index.js';
import { err, ok, type Result } from '../kernel/index.js';
import type { Contact, Deal, Journey, JourneyOptions, Touchpoint } from './types.js';

export const DAY_MS = 86_400_000;

export const journeyOptionsSchema = z.strictObject({
  lookbackDays: z.number().int().min(1).max(730).default(365),
  accountScope: z.boolean().default(false),
  touchKinds: z.array(z.enum(TOUCH_KINDS)).optional(),
  teams: z.array(z.enum(TEAMS)).optional(),
  dedupeWindowMs: z.number().int().min(0).default(0),
  directChannels: z.array(z.string().min(1)).default(['direct', 'direct_traffic']),
  reactivationSilenceMs: z
    .number()
    .int()
    .positive()
    .default(30 * DAY_MS),
  openDealClosing: z.enum(['renormalise', 'pending']).default('renormalise'),
});

/** Validates admin settings; the message names each bad field ("lookbackDays: …"). */
export function parseJourneyOptions(raw: unknown): Result<JourneyOptions, 'invalid_options'> {
  const r = journeyOptionsSchema.safeParse(raw ?? {});
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return err('invalid_options', msg.join('; '));
  }
  const { touchKinds, teams, ...rest } = r.data;
  // exactOptionalPropertyTypes: "absent" means all kinds/teams, so never write `undefined`.
  return ok({
    ...rest,
    ...(touchKinds === undefined ? {} : { touchKinds }),
    ...(teams === undefined ? {} : { teams }),
  });
}

export const DEFAULT_JOURNEY_OPTIONS: JourneyOptions = (() => {
  const r = parseJourneyOptions({});
  if (!r.ok) throw new Error('journey option defaults are invalid');
  return r.value;
})();

export interface JourneyInput {
  readonly deal: Deal;
  /** Every candidate contact (deal contacts and company contacts, each with companyIds). */
  readonly contacts: readonly Contact[];
  readonly touches: readonly Touchpoint[];
}

/** Builds a deal's journey; `now` (ms) ends the window of an open deal. */
export function assembleJourney(
  input: JourneyInput,
  options: JourneyOptions,
  now: number,
): Journey {
  const { deal } = input;
  const contacts = buyingGroup(deal, input.contacts, options.accountScope);
  const group = new Set(deal.contactIds);
  for (const c of contacts) group.add(c.id);

  const start = deal.createdAt - options.lookbackDays * DAY_MS;
  // A won/lost deal without a close date is bad input upstream; `now` keeps the window bounded.
  const end = deal.stage === 'open' ? now : (deal.closedAt ?? now);

  const kinds = options.touchKinds && new Set<string>(options.touchKinds);
  const teams = options.teams && new Set<string>(options.teams);
  const byId = new Map<string, Touchpoint>();
  for (const t of input.touches) {
    if (kinds && !kinds.has(t.kind)) continue;
    if (teams && !teams.has(t.team)) continue;
    if (!t.contactIds.some((id) => group.has(id))) continue;
    const seen = byId.get(t.id);
    byId.set(t.id, seen === undefined ? t : mergeCopies(seen, t));
  }
  const inWindow: Touchpoint[] = [];
  for (const t of byId.values()) {
    if (t.occurredAt >= start && t.occurredAt <= end) inWindow.push(t);
  }
  inWindow.sort(byTimeThenId);

  const { touches, deduplicated } =
    options.dedupeWindowMs > 0
      ? dedupe(inWindow, group, options.dedupeWindowMs)
      : { touches: inWindow, deduplicated: [] };

  const reactivations: number[] = [];
  for (let i = 1; i < touches.length; i++) {
    if (touches[i]!.occurredAt - touches[i - 1]!.occurredAt >= options.reactivationSilenceMs) {
      reactivations.push(i);
    }
  }

  const pending = deal.stage === 'open' && options.openDealClosing === 'pending';
  const direct = new Set(options.directChannels.map((c) => c.toLowerCase()));
  const milestones = findMilestones({ deal, touches, contacts, direct, pending });
  return {
    deal,
    touches,
    start,
    end,
    milestones,
    pendingClose: pending && touches.length > 0,
    contacts,
    reactivations,
    deduplicated,
  };
}

const byTimeThenId = (a: Touchpoint, b: Touchpoint): number =>
  a.occurredAt - b.occurredAt || cmp(a.id, b.id);

/** Known contacts of the buying group, sorted by id, one per id. */
function buyingGroup(deal: Deal, all: readonly Contact[], accountScope: boolean): Contact[] {
  const ids = new Set(deal.contactIds);
  const companies = new Set(deal.companyIds);
  const inGroup = (c: Contact): boolean =>
    ids.has(c.id) ||
    (accountScope && c.companyIds !== undefined && c.companyIds.some((id) => companies.has(id)));
  const out = all.filter(inGroup).sort((a, b) => cmp(a.id, b.id) || a.createdAt - b.createdAt);
  return out.filter((c, i) => i === 0 || out[i - 1]!.id !== c.id);
}

/**
 * One id reached through two contacts is one touch (§1.2): contact lists are merged; the other
 * fields come from the copy that sorts first, so the result does not depend on input order.
 */
function mergeCopies(a: Touchpoint, b: Touchpoint): Touchpoint {
  const [keep, other] =
    a.occurredAt < b.occurredAt
      ? [a, b]
      : b.occurredAt < a.occurredAt
        ? [b, a]
        : cmp(JSON.stringify(a), JSON.stringify(b)) <= 0
          ? [a, b]
          : [b, a];
  const union = (x: readonly string[] = [], y: readonly string[] = []): string[] =>
    [...new Set([...x, ...y])].sort(cmp);
  const created = union(keep.createdContactIds, other.createdContactIds);
  return {
    ...keep,
    contactIds: union(keep.contactIds, other.contactIds),
    ...(created.length > 0 ? { createdContactIds: created } : {}),
  };
}

/**
 * Drops a touch whose key (its smallest buying-group contact + channel) matches a kept touch less
 * than `windowMs` earlier; the window is anchored on the kept touch, so a burst of repeats cannot
 * chain forever. Touches that created a contact are always kept: they carry lead creation.
 * Runs on the canonical order, so the outcome does not depend on input order.
 */
function dedupe(
  touches: readonly Touchpoint[],
  group: ReadonlySet<string>,
  windowMs: number,
): { touches: Touchpoint[]; deduplicated: { id: string; into: string }[] } {
  const anchors = new Map<string, Touchpoint>();
  const kept: Touchpoint[] = [];
  const deduplicated: { id: string; into: string }[] = [];
  for (const t of touches) {
    let first: string | undefined;
    for (const c of t.contactIds) {
      if (group.has(c) && (first === undefined || cmp(c, first) < 0)) first = c;
    }
    const key = `${first ?? ''}\u0000${t.channel}`;
    const anchor = anchors.get(key);
    const creates = t.createdContactIds !== undefined && t.createdContactIds.length > 0;
    if (anchor !== undefined && !creates && t.occurredAt - anchor.occurredAt < windowMs) {
      deduplicated.push({ id: t.id, into: anchor.id });
      continue;
    }
    anchors.set(key, t);
    kept.push(t);
  }
  return { touches: kept, deduplicated };
}
