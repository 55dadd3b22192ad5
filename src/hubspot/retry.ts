// What to do about a failed attempt, as a reasoned value (STYLE.md §5): pure, so every HubSpot
// error policy is unit-testable without a server. `Retry-After` wins, then capped exponential
// backoff with full jitter; DAILY is never retried; an expired OAuth token is refreshed once.

import { HubSpotError, type HubSpotErrorKind } from './api.js';

export interface RetryPolicy {
  /** Total attempts of one request, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

/** A failed attempt: an HTTP answer outside the expected statuses, or no answer at all. */
export type Failure =
  | {
      readonly type: 'http';
      readonly status: number;
      /** Parsed JSON, or undefined when the body was not JSON (HubSpot's HTML 502 page). */
      readonly body: unknown;
      readonly headers: Readonly<Record<string, string>>;
    }
  | { readonly type: 'network'; readonly error: unknown };

export type RetryDecision =
  | {
      readonly retry: true;
      readonly reason: 'retry_after' | 'backoff';
      readonly waitMs: number;
      /** The error to throw if this was the last attempt. */
      readonly error: HubSpotError;
    }
  | { readonly retry: 'refresh_token' }
  | { readonly retry: false; readonly error: HubSpotError };

interface ErrorBody {
  readonly message?: unknown;
  readonly category?: unknown;
  readonly policyName?: unknown;
  readonly correlationId?: unknown;
  readonly errors?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `errors[].context.requiredGranularScopes` of a 403 MISSING_SCOPES body. */
function requiredScopes(body: ErrorBody): string[] {
  if (!Array.isArray(body.errors)) return [];
  const scopes = new Set<string>();
  for (const e of body.errors as unknown[]) {
    const ctx = (e as { context?: { requiredGranularScopes?: unknown } } | null)?.context;
    const list = ctx?.requiredGranularScopes;
    if (Array.isArray(list))
      for (const s of list as unknown[]) if (typeof s === 'string') scopes.add(s);
  }
  return [...scopes];
}

/** Network failures worth another attempt: resets, refusals, timeouts, DNS hiccups. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'request_timeout',
]);

function isTransientNetwork(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown; type?: unknown; message?: unknown } | null;
  const code = str(e?.code) ?? str(e?.errno);
  if (code !== undefined && TRANSIENT_CODES.has(code)) return true;
  // node-fetch reports a dropped socket as FetchError type "system" with "socket hang up".
  const message = str(e?.message) ?? '';
  return /socket hang up|ECONNRESET|network timeout|timed out/i.test(message);
}

/** `Retry-After` in seconds (HubSpot sends seconds on 423/477; we honour it on any status). */
export function retryAfterMs(headers: Readonly<Record<string, string>>): number | undefined {
  const raw = headers['retry-after'];
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
}

/** Full jitter: uniform in [0, min(cap, base · 2^(attempt−1))]. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Decides about attempt `attempt` (1-based) that failed. `refreshed`: the token was already
 * refreshed during this request, so another EXPIRED_AUTHENTICATION is final.
 */
export function decide(
  failure: Failure,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  refreshed: boolean,
): RetryDecision {
  const transient = (kind: HubSpotErrorKind, message: string, details: HubSpotError['details']) => {
    const error = new HubSpotError(kind, message, details);
    if (attempt >= policy.maxAttempts) return { retry: false as const, error };
    const after = failure.type === 'http' ? retryAfterMs(failure.headers) : undefined;
    return after === undefined
      ? {
          retry: true as const,
          reason: 'backoff' as const,
          waitMs: backoffMs(attempt, policy, random),
          error,
        }
      : { retry: true as const, reason: 'retry_after' as const, waitMs: after, error };
  };

  if (failure.type === 'network') {
    const message =
      str((failure.error as { message?: unknown } | null)?.message) ?? String(failure.error);
    const details = { cause: failure.error };
    if (!isTransientNetwork(failure.error))
      return {
        retry: false,
        error: new HubSpotError('network', `request failed: ${message}`, details),
      };
    return transient('network', `network failure after ${attempt} attempt(s): ${message}`, details);
  }

  const { status } = failure;
  const body: ErrorBody =
    failure.body !== null && typeof failure.body === 'object' ? failure.body : {};
  const category = str(body.category);
  const message = str(body.message) ?? `HTTP ${status}`;
  const details = {
    status,
    ...(category === undefined ? {} : { category }),
    ...(str(body.correlationId) === undefined ? {} : { correlationId: str(body.correlationId)! }),
    body: failure.body,
  };
  const fail = (
    kind: HubSpotErrorKind,
    text = message,
    extra: Partial<HubSpotError['details']> = {},
  ) => ({
    retry: false as const,
    error: new HubSpotError(kind, `${status} ${text}`, { ...details, ...extra }),
  });

  if (status === 401) {
    if (category === 'EXPIRED_AUTHENTICATION')
      return refreshed ? fail('auth_expired') : { retry: 'refresh_token' };
    return fail('needs_reconnect');
  }
  if (status === 403) {
    if (category === 'MISSING_SCOPES') {
      const scopes = requiredScopes(body);
      return fail('missing_scope', `${message} (needs ${scopes.join(', ') || 'unknown scope'})`, {
        scopes,
      });
    }
    return fail('missing_scope', message, { scopes: [] });
  }
  if (status === 429) {
    const policy = str(body.policyName);
    if (policy === 'DAILY') return fail('daily_limit');
    return transient('rate_limited', `429 ${message}`, details);
  }
  if (status >= 500 || status === 423 || status === 477)
    return transient('server', `${status} ${message}`, details);
  if (status === 404) return fail('not_found');
  if (status === 409) return fail('conflict');
  if (status === 400 || status === 422) return fail('validation');
  return fail('validation', `unexpected status: ${message}`);
}
