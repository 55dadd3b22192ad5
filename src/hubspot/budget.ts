// One rate budget per portal, shared by every stream (HUBSPOT.md §6): a rolling burst window sized
// by app type and tier, a separate 5/s search window, and the daily quota as the server reports it.
//
// Zero 429s by construction: HubSpot counts a call in its window from the moment it *arrives*
// until a window later. Arrival lies somewhere between our send and our completion, so we count
// each call from send until completion + window — a superset of the server's interval — and never
// start a call while the count is at the maximum. Counting from send alone can overshoot when a
// slow call arrives late. The price is one latency per window (milliseconds in 10 s).

import type { RequestKind } from './api.js';
import { HubSpotError } from './api.js';

export type AppType = 'private' | 'oauth';
export type Tier = 'free' | 'starter' | 'professional' | 'enterprise';

export interface BudgetLimits {
  /** Calls per burst window (HubSpot's `X-HubSpot-RateLimit-Max`). */
  readonly burst: number;
  readonly windowMs: number;
  /** The portal's daily quota for private apps; undefined for OAuth apps (none published). */
  readonly daily: number | undefined;
  /** Search calls per search window (5/s per portal, no headers). */
  readonly searchBurst: number;
  readonly searchWindowMs: number;
}

/** HubSpot's published limits (hubspot-behavior.md #13): OAuth 110/10 s; private 100 or 190. */
export function limitsFor(app: AppType, tier: Tier): BudgetLimits {
  const search = { searchBurst: 5, searchWindowMs: 1_000, windowMs: 10_000 };
  if (app === 'oauth') return { burst: 110, daily: undefined, ...search };
  if (tier === 'free' || tier === 'starter') return { burst: 100, daily: 250_000, ...search };
  return { burst: 190, daily: tier === 'professional' ? 625_000 : 1_000_000, ...search };
}

type Awaitable<T> = T | Promise<T>;

/**
 * The counted calls of one window. In memory today; a later issue moves it to Postgres so that
 * several workers share a portal's budget, hence the atomic take-or-wait shape and awaitables.
 */
export interface WindowState {
  /**
   * Counts a new in-flight call and returns its slot if fewer than `max` are counted at `now`;
   * else returns when to look again (undefined: only in-flight calls fill it; wait for one).
   */
  take(now: number, max: number): Awaitable<{ slot: number } | { retryAt: number | undefined }>;
  /** The call completed: it keeps counting until `until` (completion + the window length). */
  release(slot: number, until: number): Awaitable<void>;
  /** Calls counted at `now`. */
  count(now: number): number;
}

/** In-memory window: in-flight slots count until released, then for one more window. */
export function memoryWindow(): WindowState {
  const inFlight = new Set<number>();
  // Expiry times of completed calls, ascending (completions arrive in clock order).
  const expiries: number[] = [];
  let head = 0;
  let nextSlot = 0;
  const prune = (now: number): void => {
    while (head < expiries.length && expiries[head]! <= now) head++;
    if (head > 1024) {
      expiries.splice(0, head);
      head = 0;
    }
  };
  const count = (now: number): number => {
    prune(now);
    return inFlight.size + expiries.length - head;
  };
  return {
    take(now, max) {
      if (count(now) < max) {
        const slot = nextSlot++;
        inFlight.add(slot);
        return { slot };
      }
      return { retryAt: head < expiries.length ? expiries[head] : undefined };
    },
    release(slot, until) {
      if (!inFlight.delete(slot)) return;
      // Keep ascending even if the window length changed (server header) or a clock stepped back.
      let i = expiries.length;
      while (i > head && expiries[i - 1]! > until) i--;
      expiries.splice(i, 0, until);
    },
    count,
  };
}

export interface Permit {
  /** Call when the response (or the failure) is in; pass its headers to follow the server. */
  release(headers?: Readonly<Record<string, string>>): Promise<void>;
}

export interface RateBudget {
  /** Waits until a call of `kind` may be sent. Throws `daily_limit` when the day's quota is spent. */
  acquire(kind: RequestKind): Promise<Permit>;
  /** Burst calls counted now ÷ the burst maximum (0..1+), for the progress display. */
  utilisation(): number;
  /** What the budget currently believes (after following the server's headers). */
  snapshot(): {
    readonly burst: number;
    readonly windowMs: number;
    readonly counted: number;
    readonly external: number;
    readonly dailyRemaining: number | undefined;
  };
}

export interface BudgetOptions {
  readonly limits: BudgetLimits;
  readonly clock?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Window states (default in memory). */
  readonly burstWindow?: WindowState;
  readonly searchWindow?: WindowState;
  /** After the server reports the daily quota spent, how long to refuse calls before probing. */
  readonly dailyRecheckMs?: number;
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

const headerInt = (headers: Readonly<Record<string, string>>, name: string): number | undefined => {
  const raw = headers[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
};

export function createRateBudget(options: BudgetOptions): RateBudget {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  let burst = options.limits.burst;
  let windowMs = options.limits.windowMs;
  const burstWindow = options.burstWindow ?? memoryWindow();
  const searchWindow = options.searchWindow ?? memoryWindow();
  // Calls other apps on the portal made, as last inferred from the headers, and until when.
  let external = { count: 0, until: 0 };
  let dailyRemaining: number | undefined;
  let dailyBlockedUntil = 0;
  const dailyRecheckMs = options.dailyRecheckMs ?? 15 * 60_000;
  // Waiters of each kind are served in order so a stream cannot starve the others.
  const queues: Record<RequestKind, Promise<void>> = {
    api: Promise.resolve(),
    search: Promise.resolve(),
  };
  // Wakes waiters whose window is full of in-flight calls when one of them completes.
  let completed: (() => void)[] = [];

  const externalAt = (now: number): number => (now < external.until ? external.count : 0);

  const follow = (headers: Readonly<Record<string, string>>, now: number): void => {
    const max = headerInt(headers, 'x-hubspot-ratelimit-max');
    const remaining = headerInt(headers, 'x-hubspot-ratelimit-remaining');
    const interval = headerInt(headers, 'x-hubspot-ratelimit-interval-milliseconds');
    if (max !== undefined && max > 0) burst = max;
    if (interval !== undefined && interval > 0) windowMs = interval;
    if (remaining !== undefined) {
      // The server's count of our calls is at most ours (we count a superset), so anything it
      // counts beyond ours was spent by other apps sharing the portal's budget.
      const serverUsed = burst - remaining;
      const extra = Math.max(0, serverUsed - burstWindow.count(now));
      external = { count: extra, until: extra > 0 ? now + windowMs : 0 };
    }
    const daily = headerInt(headers, 'x-hubspot-ratelimit-daily-remaining');
    if (daily !== undefined) {
      dailyRemaining = daily;
      dailyBlockedUntil = daily === 0 ? now + dailyRecheckMs : 0;
    }
  };

  const takeSlot = async (
    window: WindowState,
    max: () => number,
    others: (now: number) => number,
  ): Promise<number> => {
    for (;;) {
      const now = clock();
      const got = await window.take(now, Math.max(0, max() - others(now)));
      if ('slot' in got) return got.slot;
      const externalEnds = others(now) > 0 ? external.until : Infinity;
      const wakeAt = Math.min(got.retryAt ?? Infinity, externalEnds);
      if (wakeAt === Infinity) await new Promise<void>((resolve) => completed.push(resolve));
      else await sleep(Math.max(1, wakeAt - now));
    }
  };

  return {
    async acquire(kind) {
      const now = clock();
      if (now < dailyBlockedUntil)
        throw new HubSpotError('daily_limit', 'the daily API quota of this portal is spent', {});
      const search = kind === 'search';
      const window = search ? searchWindow : burstWindow;
      const turn = queues[kind].then(() =>
        search
          ? takeSlot(
              window,
              () => options.limits.searchBurst,
              () => 0,
            )
          : takeSlot(window, () => burst, externalAt),
      );
      // The next waiter goes when this one has its slot, whatever happened to it.
      queues[kind] = turn.then(
        () => undefined,
        () => undefined,
      );
      const slot = await turn;
      if (dailyRemaining !== undefined && dailyRemaining > 0) dailyRemaining--;
      let released = false;
      return {
        async release(headers) {
          if (released) return;
          released = true;
          const at = clock();
          await window.release(slot, at + (search ? options.limits.searchWindowMs : windowMs));
          if (headers && !search) follow(headers, at);
          const waiters = completed;
          completed = [];
          for (const wake of waiters) wake();
        },
      };
    },
    utilisation() {
      const now = clock();
      return burst === 0 ? 1 : (burstWindow.count(now) + externalAt(now)) / burst;
    },
    snapshot() {
      const now = clock();
      return {
        burst,
        windowMs,
        counted: burstWindow.count(now),
        external: externalAt(now),
        dailyRemaining,
      };
    },
  };
}
