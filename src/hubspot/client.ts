// `createHubSpotApi`: the HubSpotApi every reader and writer uses. Each attempt goes through the
// official client's `apiRequest` (raw Response: no SDK retries, no SDK limiter) after taking a
// concurrency slot, a valid token and room in the portal's rate budget; failures are classified
// by retry.ts and retried, refreshed or thrown as HubSpotError.

import { Client } from '@hubspot/api-client';
import { z } from 'zod';
import {
  HubSpotError,
  type ApiStats,
  type HubSpotApi,
  type HubSpotRequest,
  type HubSpotResponse,
  type QueryValue,
} from './api.js';
import type { TokenProvider } from './auth.js';
import type { RateBudget } from './budget.js';
import { decide, DEFAULT_RETRY, type Failure, type RetryPolicy } from './retry.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** Structured log callback (pino-compatible shape: level, event name, fields). */
export type HubSpotLogger = (
  level: LogLevel,
  event: string,
  fields: Readonly<Record<string, unknown>>,
) => void;

export interface HubSpotApiOptions {
  /** Server root; default `https://api.hubapi.com` (the sandbox's URL locally). */
  readonly baseUrl?: string;
  readonly tokens: TokenProvider;
  /** The portal's budget, shared by every HubSpotApi of that portal. */
  readonly budget: RateBudget;
  readonly retry?: Partial<RetryPolicy>;
  /** Requests in flight at once (default 6). */
  readonly concurrency?: number;
  /** Per attempt, until the whole body is read (default 60 s); a timeout is a network failure. */
  readonly timeoutMs?: number;
  readonly log?: HubSpotLogger;
  /** Test seams: backoff sleeps and jitter. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

const Options = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  concurrency: z.int().min(1).max(100).optional(),
  timeoutMs: z.int().min(1).optional(),
  retry: z
    .object({
      maxAttempts: z.int().min(1).max(20).optional(),
      baseDelayMs: z.number().min(0).optional(),
      maxDelayMs: z.number().min(0).optional(),
    })
    .optional(),
});

const Request = z.object({
  method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
  path: z.string().regex(/^\/[^?#]*$/, 'must start with "/" and hold no query'),
  kind: z.enum(['api', 'search']).optional(),
  expect: z.array(z.int().min(100).max(599)).min(1).optional(),
});

function issues(error: z.ZodError, what: string): string {
  return error.issues.map((i) => `${what}.${i.path.join('.')}: ${i.message}`).join('; ');
}

/** `properties=a,b` (HubSpot accepts comma lists); undefined values are dropped. */
function queryString(
  query: Readonly<Record<string, QueryValue>> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    out[key] = typeof value === 'object' ? value.join(',') : String(value);
  }
  return out;
}

/** A counting semaphore: at most `size` holders. */
function semaphore(size: number): { acquire(): Promise<void>; release(): void } {
  let free = size;
  const waiting: (() => void)[] = [];
  return {
    acquire: () => {
      if (free > 0) {
        free--;
        return Promise.resolve();
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    release: () => {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

type Attempt =
  | { readonly type: 'http'; status: number; text: string; headers: Record<string, string> }
  | { readonly type: 'network'; error: unknown };

export function createHubSpotApi(options: HubSpotApiOptions): HubSpotApi {
  const parsed = Options.safeParse(options);
  if (!parsed.success) throw new Error(issues(parsed.error, 'hubspot'));
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => undefined);
  const { tokens, budget } = options;
  const client = new Client({ basePath: options.baseUrl ?? 'https://api.hubapi.com' });
  const slots = semaphore(options.concurrency ?? 6);
  const stats = { calls: 0, rateLimited: 0, retries: 0, byLabel: {} as Record<string, number> };

  async function send(req: HubSpotRequest, token: string): Promise<Attempt> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          Object.assign(new Error(`request timed out after ${timeoutMs} ms`), {
            code: 'request_timeout',
          }),
        );
      }, timeoutMs);
    });
    try {
      // apiRequest has no abort signal: a timed-out request is abandoned, not cancelled.
      const exchange = (async () => {
        const res = await client.apiRequest({
          method: req.method,
          path: req.path,
          qs: queryString(req.query),
          authType: 'none',
          headers: { Authorization: `Bearer ${token}` },
          ...(req.body === undefined ? {} : { body: req.body }),
        });
        const headers: Record<string, string> = {};
        res.headers.forEach((value, name) => {
          headers[name.toLowerCase()] = value;
        });
        return { type: 'http' as const, status: res.status, text: await res.text(), headers };
      })();
      return await Promise.race([exchange, timeout]);
    } catch (error) {
      return { type: 'network', error };
    } finally {
      clearTimeout(timer);
    }
  }

  // Concurrent 401 EXPIRED answers share one refresh; a request that was sent with an older token
  // than the current one just retries with the current one.
  let refreshing: Promise<string> | undefined;
  async function refreshedToken(used: string): Promise<void> {
    const current = await tokens.token().catch(() => undefined);
    if (current !== undefined && current !== used) return;
    refreshing ??= tokens.refresh().finally(() => {
      refreshing = undefined;
    });
    try {
      await refreshing;
    } catch (error) {
      if (error instanceof HubSpotError) throw error;
      throw new HubSpotError('auth_expired', 'the access token expired and refresh failed', {
        cause: error,
      });
    }
  }

  async function request(req: HubSpotRequest): Promise<HubSpotResponse> {
    const checked = Request.safeParse(req);
    if (!checked.success) throw new Error(issues(checked.error, 'request'));
    const kind = req.kind ?? 'api';
    const expect = req.expect ?? [200];
    let refreshed = false;
    for (let attempt = 1; ;) {
      let result: Attempt;
      let token: string;
      await slots.acquire();
      try {
        token = await tokens.token();
        const permit = await budget.acquire(kind);
        stats.calls++;
        if (req.label !== undefined) stats.byLabel[req.label] = (stats.byLabel[req.label] ?? 0) + 1;
        result = await send(req, token);
        await permit.release(result.type === 'http' ? result.headers : undefined);
      } finally {
        slots.release();
      }

      let failure: Failure;
      if (result.type === 'http') {
        let body: unknown;
        let json = true;
        try {
          body = result.text === '' ? null : JSON.parse(result.text);
        } catch {
          json = false;
        }
        if (expect.includes(result.status)) {
          if (json) return { status: result.status, body, headers: result.headers };
          throw new HubSpotError(
            'malformed_response',
            `${req.method} ${req.path}: body is not JSON`,
            {
              status: result.status,
              body: result.text.slice(0, 500),
            },
          );
        }
        if (result.status >= 200 && result.status < 300)
          throw new HubSpotError(
            'malformed_response',
            `${req.method} ${req.path}: unexpected status ${result.status} (expected ${expect.join('/')})`,
            { status: result.status, body },
          );
        if (result.status === 429) stats.rateLimited++;
        failure = {
          type: 'http',
          status: result.status,
          body: json ? body : undefined,
          headers: result.headers,
        };
      } else failure = result;

      const decision = decide(failure, attempt, policy, random, refreshed);
      if (decision.retry === 'refresh_token') {
        refreshed = true;
        stats.retries++;
        log('info', 'hubspot_token_refresh', { path: req.path });
        await refreshedToken(token);
        continue;
      }
      if (!decision.retry) throw decision.error;
      stats.retries++;
      log('warn', 'hubspot_retry', {
        method: req.method,
        path: req.path,
        attempt,
        reason: decision.reason,
        waitMs: decision.waitMs,
        error: decision.error.message,
      });
      await sleep(decision.waitMs);
      attempt++;
    }
  }

  return {
    request,
    stats: (): ApiStats => ({ ...stats, byLabel: { ...stats.byLabel } }),
  };
}
