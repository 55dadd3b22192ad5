import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRateBudget, limitsFor, type BudgetLimits } from '../../../src/hubspot/budget.js';

const limits = (burst: number, windowMs = 10_000): BudgetLimits => ({
  burst,
  windowMs,
  daily: undefined,
  searchBurst: 5,
  searchWindowMs: 1_000,
});

/** A HubSpot-like server window: counts arrivals, each for one window; rejects at the maximum. */
function serverWindow(max: number, windowMs: number) {
  const hits: number[] = [];
  let rejected = 0;
  return {
    arrive(now: number): boolean {
      const live = hits.filter((t) => t > now - windowMs).length;
      if (live >= max) {
        rejected++;
        return false;
      }
      hits.push(now);
      return true;
    },
    rejected: () => rejected,
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

afterEach(() => {
  vi.useRealTimers();
});

describe('limitsFor', () => {
  it('sizes the burst and daily quota by app type and tier', () => {
    expect(limitsFor('private', 'free')).toMatchObject({ burst: 100, daily: 250_000 });
    expect(limitsFor('private', 'starter')).toMatchObject({ burst: 100, daily: 250_000 });
    expect(limitsFor('private', 'professional')).toMatchObject({ burst: 190, daily: 625_000 });
    expect(limitsFor('private', 'enterprise')).toMatchObject({ burst: 190, daily: 1_000_000 });
    expect(limitsFor('oauth', 'enterprise')).toMatchObject({ burst: 110, daily: undefined });
    expect(limitsFor('oauth', 'free')).toMatchObject({ searchBurst: 5, searchWindowMs: 1_000 });
  });
});

describe('rate budget', () => {
  it('counts a call from send until its completion plus one window', async () => {
    let now = 0;
    const waits: number[] = [];
    const budget = createRateBudget({
      limits: limits(2),
      clock: () => now,
      sleep: (ms) => {
        waits.push(ms);
        now += ms;
        return Promise.resolve();
      },
    });
    const a = await budget.acquire('api');
    const b = await budget.acquire('api');
    expect(budget.utilisation()).toBe(1);
    now = 500;
    await a.release();
    now = 800;
    await b.release();
    // Both completed; the first stops counting at 500 + 10 000, not at its send time + 10 000.
    now = 10_000;
    expect(budget.utilisation()).toBe(1);
    await budget.acquire('api');
    expect(now).toBe(10_500);
    expect(waits).toEqual([500]);
    expect(budget.snapshot()).toMatchObject({ counted: 2, burst: 2 });
  });

  it('waits for an in-flight call to complete when only in-flight calls fill the window', async () => {
    let now = 0;
    const budget = createRateBudget({
      limits: limits(1),
      clock: () => now,
      sleep: () => Promise.resolve(),
    });
    const first = await budget.acquire('api');
    let second = false;
    const pending = budget.acquire('api').then((p) => {
      second = true;
      return p;
    });
    await Promise.resolve();
    expect(second).toBe(false);
    now = 100;
    await first.release();
    // Released at 100: it counts until 10 100, so the waiter must wait further.
    expect(second).toBe(false);
    now = 10_100;
    // The waiter sleeps (instant here) until the expiry, then takes the slot.
    await pending;
    expect(second).toBe(true);
  });

  it('keeps search on its own 5 per second budget', async () => {
    let now = 0;
    const budget = createRateBudget({
      limits: limits(100),
      clock: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    });
    for (let i = 0; i < 5; i++) await (await budget.acquire('search')).release();
    expect(now).toBe(0);
    await budget.acquire('search');
    expect(now).toBe(1_000);
    // Search calls do not count in the burst window.
    expect(budget.utilisation()).toBe(0);
  });

  it('follows the server: a lower Remaining (other apps) slows us down, Max and Interval resize', async () => {
    let now = 0;
    const budget = createRateBudget({
      limits: limits(10),
      clock: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    });
    const p = await budget.acquire('api');
    // We made 1 call; the server says 8 of 10 are used: 7 were spent by someone else.
    await p.release({
      'x-hubspot-ratelimit-max': '10',
      'x-hubspot-ratelimit-remaining': '2',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
    });
    expect(budget.snapshot()).toMatchObject({ counted: 1, external: 7 });
    expect(budget.utilisation()).toBeCloseTo(0.8);
    await (await budget.acquire('api')).release();
    await (await budget.acquire('api')).release();
    expect(now).toBe(0);
    // Full now: the next call waits until the others' calls leave the window.
    await budget.acquire('api');
    expect(now).toBe(10_000);

    const q = await budget.acquire('api');
    await q.release({ 'x-hubspot-ratelimit-max': '25', 'x-hubspot-ratelimit-remaining': '24' });
    expect(budget.snapshot()).toMatchObject({ burst: 25, external: 0 });
  });

  it('refuses calls with daily_limit once the server reports the daily quota spent', async () => {
    let now = 0;
    const budget = createRateBudget({
      limits: limits(10),
      clock: () => now,
      dailyRecheckMs: 60_000,
    });
    const p = await budget.acquire('api');
    await p.release({ 'x-hubspot-ratelimit-daily-remaining': '0' });
    await expect(budget.acquire('api')).rejects.toMatchObject({ kind: 'daily_limit' });
    now = 60_000;
    // After the recheck delay one call may probe whether the quota was reset.
    await expect(budget.acquire('api')).resolves.toBeDefined();
  });

  it('causes zero 429s within 8 % of the rate bound with concurrent calls of varying latency', async () => {
    vi.useFakeTimers();
    const W = 10_000;
    const MAX = 20;
    const server = serverWindow(MAX, W);
    const budget = createRateBudget({ limits: limits(MAX, W) });
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const TOTAL = 400;
    let issued = 0;
    const worker = async () => {
      while (issued < TOTAL) {
        issued++;
        const permit = await budget.acquire('api');
        // The request reaches the server after a variable delay, the answer returns after another.
        await sleep(Math.floor(random() * 300));
        server.arrive(Date.now());
        await sleep(Math.floor(random() * 300));
        await permit.release();
      }
    };
    const start = Date.now();
    const done = Promise.all(Array.from({ length: 6 }, worker));
    await vi.runAllTimersAsync();
    await done;
    const elapsed = Date.now() - start;
    expect(server.rejected()).toBe(0);
    // The physical bound: TOTAL calls at MAX per window, the first window free.
    const bound = ((TOTAL - MAX) / MAX) * W;
    expect(elapsed / bound).toBeLessThan(1.08);
  });
});
