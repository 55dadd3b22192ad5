// One-line reasons a rep understands ("30% — first touch and lead creation"). Percentages have at
// most one decimal and no trailing ".0"; a share too small or too close to 100 to show says so
// instead of rounding to a misleading "0%" or "100%".
//
// A reason depends only on a few small numbers (the shown percentage, the roles, the middle
// count, the shown days), so attributeJourney caches them by a numeric key: 100,000 deals of 50
// touches would otherwise format 5 million strings per model.

import { ROLES, type Role, type RuleModelId, type UnattributedReason } from '../domain/index.js';
import type { Journey } from './types.js';

const DAY_MS = 86_400_000;

const ROLE_PHRASES: Readonly<Record<Role, string>> = {
  FIRST: 'first touch',
  LAST: 'last touch',
  LND: 'last non-direct touch',
  LC: 'lead creation',
  OC: 'deal creation',
  CW: 'closing touch',
};
const PENDING_ONLY = 'Pending: would be the closing touch of this open deal';
const PENDING_PHRASE = 'pending closing touch (the deal is still open)';

/** What a percentage shows as: 0–1000 tenths, or one of the special cases below. */
const ZERO = 1001;
const FULL = 1002;
const TINY = 1003;
const ALMOST = 1004;
const PERCENT_CODES = 1005;

function percentCode(fraction: number): number {
  if (fraction <= 0) return ZERO;
  if (fraction >= 1) return FULL;
  const tenths = Math.round(fraction * 1000);
  return tenths === 0 ? TINY : tenths === 1000 ? ALMOST : tenths;
}

function percentText(code: number): string {
  if (code === ZERO) return '0%';
  if (code === FULL) return '100%';
  if (code === TINY) return '<0.1%';
  if (code === ALMOST) return '>99.9%';
  return `${String(code / 10)}%`;
}

const PERCENT_TEXTS: (string | undefined)[] = [];
const percentTextCached = (code: number): string => (PERCENT_TEXTS[code] ??= percentText(code));

/** "40%", "12.3%", "<0.1%", ">99.9%", "0%", "100%". */
export const formatPercent = (fraction: number): string => percentText(percentCode(fraction));

/** "1 day", "3 days", "1.5 days" (one decimal). */
function formatDays(tenths: number): string {
  return `${String(tenths / 10)} ${tenths === 10 ? 'day' : 'days'}`;
}

function joinPhrases(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
}

/** Everything a reason depends on. */
export interface ReasonInput {
  readonly model: RuleModelId;
  readonly fraction: number;
  /** Touches in the journey (1 → "only touch"). */
  readonly touchCount: number;
  /** Roles of this touch that the model weights positively. */
  readonly roles: readonly Role[];
  /** The touch's share is (part of) the middle bucket. */
  readonly middle: boolean;
  readonly middleCount: number;
  /** The journey's CW is a PENDING close of an open deal. */
  readonly pendingClose: boolean;
  readonly open: boolean;
  /** time_decay only: fractional days between the touch and the journey end. */
  readonly daysBeforeEnd?: number;
  readonly halfLifeDays?: number;
  /** Set when a buying-group role weight ≠ 1 scaled this touch. */
  readonly roleWeight?: { readonly role: string; readonly weight: number };
}

export function explainCredit(x: ReasonInput): string {
  const pct = percentText(percentCode(x.fraction));
  const suffix =
    x.roleWeight === undefined
      ? ''
      : ` (${x.roleWeight.role.replaceAll('_', ' ')} weighted ×${String(x.roleWeight.weight)})`;
  return `${pct} — ${x.touchCount === 1 ? 'only touch' : what(x)}${suffix}`;
}

function what(x: ReasonInput): string {
  if (x.model === 'time_decay') {
    const tenths = Math.round((x.daysBeforeEnd ?? 0) * 10);
    const when = tenths === 0 ? 'at' : `${formatDays(tenths)} before`;
    const end = x.open ? 'now (deal still open)' : 'close';
    const half = formatDays(Math.round((x.halfLifeDays ?? 7) * 10));
    return `time decay: ${when} ${end} (half-life ${half})`;
  }
  if (x.roles.length > 0) {
    if (x.pendingClose && x.roles.length === 1 && x.roles[0] === 'CW') return PENDING_ONLY;
    const phrases = x.roles.map((r) =>
      r === 'CW' && x.pendingClose ? PENDING_PHRASE : ROLE_PHRASES[r],
    );
    return joinPhrases(phrases);
  }
  if (x.middle) {
    if (x.model === 'linear') return `one of ${String(x.middleCount)} touches, equal shares`;
    return x.middleCount === 1
      ? 'the only middle touch'
      : `one of ${String(x.middleCount)} middle touches`;
  }
  return 'holds no role this model credits';
}

// ---- cache -------------------------------------------------------------------------------------

const MAX_CACHED = 200_000;
const singleCache = new Map<number, string>();
const linearCache = new Map<number, string>();
const positionCache = new Map<number, string>();
/** By half-life (a number, so no key string is built per touch). */
const timeDecayCaches = new Map<number, Map<number, string>>();

function rolesMask(roles: readonly Role[]): number {
  let m = 0;
  for (const r of roles) m |= 1 << ROLES.indexOf(r);
  return m;
}

/**
 * explainCredit, memoised by a numeric key of what the text shows (not by the raw fraction).
 * Reasons with a role weight are rare and not cached.
 */
export function cachedReason(x: ReasonInput): string {
  if (x.roleWeight !== undefined) return explainCredit(x);
  let key: number;
  let byKey: Map<number, string>;
  const pct = percentCode(x.fraction);
  if (x.touchCount === 1) {
    byKey = singleCache;
    key = pct;
  } else if (x.model === 'time_decay') {
    // Percent × days has too many combinations to cache whole; cache the two halves and join
    // them (a cheap rope concatenation).
    const h = x.halfLifeDays ?? 7;
    let m = timeDecayCaches.get(h);
    if (m === undefined) timeDecayCaches.set(h, (m = new Map<number, string>()));
    const tenths = Math.round((x.daysBeforeEnd ?? 0) * 10);
    const dayKey = (x.open ? 1 : 0) + 2 * tenths;
    let phrase = m.get(dayKey);
    if (phrase === undefined) {
      if (m.size >= MAX_CACHED) m.clear();
      phrase = ` — ${what(x)}`;
      m.set(dayKey, phrase);
    }
    return percentTextCached(pct) + phrase;
  } else {
    byKey = x.model === 'linear' ? linearCache : positionCache;
    const flags = (x.middle ? 1 : 0) | (x.pendingClose ? 2 : 0);
    key = pct + PERCENT_CODES * (rolesMask(x.roles) + 64 * (flags + 4 * x.middleCount));
  }
  let text = byKey.get(key);
  if (text === undefined) {
    if (byKey.size >= MAX_CACHED) byKey.clear();
    text = explainCredit(x);
    byKey.set(key, text);
  }
  return text;
}

/** Why a deal got no credit; the whole amount goes to the unattributed bucket. */
export function explainUnattributed(journey: Journey, reason: UnattributedReason): string {
  switch (reason) {
    case 'empty_journey': {
      const days = Math.round((journey.deal.createdAt - journey.start) / DAY_MS);
      const until = journey.deal.stage === 'open' ? 'today' : 'its close';
      return `No touch of the buying group in the ${String(days)}-day window before deal creation or from then until ${until}; the whole amount is unattributed.`;
    }
    case 'no_weighted_role':
      return 'No touch holds a role this model credits (for example no touch before deal creation); the whole amount is unattributed.';
    case 'no_conversions':
      return 'The data-driven model found no conversions to learn from; the whole amount is unattributed.';
    case 'empty_path':
      return 'The path is empty; its conversions and value are unattributed.';
  }
}
