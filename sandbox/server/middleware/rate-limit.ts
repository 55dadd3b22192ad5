// HubSpot's rate limits (HUBSPOT.md §6): a rolling 10-second burst window per app type and tier,
// a daily quota for private apps that resets at the portal's local midnight, and search's own
// 5 requests/s per portal without headers. The clock is the context's, so tests move time.

import type { NextFunction, Request, Response } from 'express';
import type { SandboxContext, TokenInfo } from '../context.js';
import { correlationId, send } from '../errors.js';
import { tokenOf } from './auth.js';

const WINDOW_MS = 10_000;
const SEARCH_WINDOW_MS = 1_000;
const SEARCH_MAX = 5;

export function limitsFor(
  token: TokenInfo,
  tier: string,
  overrides: { readonly burst?: number; readonly daily?: number } = {},
): { burst: number; daily: number | undefined } {
  const base = tierLimits(token, tier);
  return {
    burst: overrides.burst ?? base.burst,
    daily: base.daily === undefined ? undefined : (overrides.daily ?? base.daily),
  };
}

function tierLimits(token: TokenInfo, tier: string): { burst: number; daily: number | undefined } {
  if (token.kind === 'oauth') return { burst: 110, daily: undefined };
  if (tier === 'free' || tier === 'starter') return { burst: 100, daily: 250_000 };
  return { burst: 190, daily: tier === 'professional' ? 625_000 : 1_000_000 };
}

/** Timestamps inside a rolling window; old ones are dropped from the front. */
class Window {
  private readonly hits: number[] = [];
  private head = 0;
  constructor(private readonly ms: number) {}
  count(now: number): number {
    while (this.head < this.hits.length && (this.hits[this.head] ?? 0) <= now - this.ms)
      this.head++;
    if (this.head > 1024) {
      this.hits.splice(0, this.head);
      this.head = 0;
    }
    return this.hits.length - this.head;
  }
  add(now: number): void {
    this.hits.push(now);
  }
}

export interface RateLimiter {
  readonly general: (req: Request, res: Response, next: NextFunction) => void;
  readonly search: (req: Request, res: Response, next: NextFunction) => void;
}

export function createRateLimiter(ctx: SandboxContext): RateLimiter {
  const burst = { private: new Window(WINDOW_MS), oauth: new Window(WINDOW_MS) };
  const search = new Window(SEARCH_WINDOW_MS);
  const daily = { day: '', count: 0 };
  const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ctx.config.portal.timeZone });

  // The portal's local date, formatted once per minute: Intl formatting costs more than the rest
  // of the limiter, and every time zone's midnight falls on a whole UTC minute.
  const today = { minute: NaN, day: '' };
  const localDay = (now: number): string => {
    const minute = Math.floor(now / 60_000);
    if (minute !== today.minute) Object.assign(today, { minute, day: dayFormat.format(now) });
    return today.day;
  };

  const dailyCount = (now: number): number => {
    const day = localDay(now);
    if (day !== daily.day) Object.assign(daily, { day, count: 0 });
    return daily.count;
  };

  const reject = (res: Response, policy: 'TEN_SECONDLY_ROLLING' | 'DAILY'): void => {
    ctx.stats.rateLimited++;
    send(res, 429, {
      status: 'error',
      message:
        policy === 'DAILY'
          ? 'You have reached your daily limit.'
          : 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      correlationId: correlationId(res),
      policyName: policy,
    });
  };

  const general = (_req: Request, res: Response, next: NextFunction): void => {
    if (!ctx.config.rateLimits) {
      next();
      return;
    }
    const now = ctx.config.clock();
    const token = tokenOf(res);
    const limits = limitsFor(token, ctx.config.portal.tier, ctx.config.limitOverrides);
    const window = burst[token.kind];
    const used = window.count(now);
    const usedToday = limits.daily === undefined ? 0 : dailyCount(now);
    const withinDaily = limits.daily === undefined || usedToday < limits.daily;
    const withinBurst = used < limits.burst;
    if (withinDaily && withinBurst) {
      window.add(now);
      if (limits.daily !== undefined) daily.count++;
    }
    const taken = withinDaily && withinBurst ? 1 : 0;
    res.setHeader('X-HubSpot-RateLimit-Interval-Milliseconds', String(WINDOW_MS));
    res.setHeader('X-HubSpot-RateLimit-Max', String(limits.burst));
    res.setHeader(
      'X-HubSpot-RateLimit-Remaining',
      String(Math.max(0, limits.burst - used - taken)),
    );
    if (limits.daily !== undefined) {
      res.setHeader('X-HubSpot-RateLimit-Daily', String(limits.daily));
      res.setHeader(
        'X-HubSpot-RateLimit-Daily-Remaining',
        String(Math.max(0, limits.daily - usedToday - taken)),
      );
    }
    if (!withinDaily) reject(res, 'DAILY');
    else if (!withinBurst) reject(res, 'TEN_SECONDLY_ROLLING');
    else next();
  };

  const searchLimit = (_req: Request, res: Response, next: NextFunction): void => {
    if (!ctx.config.rateLimits) {
      next();
      return;
    }
    const now = ctx.config.clock();
    if (search.count(now) >= SEARCH_MAX) {
      ctx.stats.rateLimited++;
      // No policyName and no rate-limit headers on search: the SDK keys its 1 s retry on this message.
      send(res, 429, {
        status: 'error',
        message: 'You have reached your secondly limit.',
        errorType: 'RATE_LIMIT',
        correlationId: correlationId(res),
      });
      return;
    }
    search.add(now);
    if (tokenOf(res).kind === 'private') {
      const limits = limitsFor(tokenOf(res), ctx.config.portal.tier, ctx.config.limitOverrides);
      if (limits.daily !== undefined && dailyCount(now) >= limits.daily) {
        reject(res, 'DAILY');
        return;
      }
      daily.count++;
    }
    next();
  };

  return { general, search: searchLimit };
}
