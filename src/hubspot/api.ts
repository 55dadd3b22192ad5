// The one seam between the app and HubSpot's HTTP API. Everything above it (readers, sync,
// write-back) calls `HubSpotApi.request`; everything below it (the official client, the rate
// budget, retries, token refresh) is hidden behind it. Tests substitute nock or the sandbox.

/** `api` draws on the portal's burst/daily budget; `search` on the separate 5/s search budget. */
export type RequestKind = 'api' | 'search';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface HubSpotRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path below the base URL, e.g. `/crm/v3/objects/contacts`. */
  readonly path: string;
  /** Arrays are sent comma-joined (HubSpot accepts `properties=a,b`). Undefined values are dropped. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** JSON body. */
  readonly body?: unknown;
  /** Default `api`. */
  readonly kind?: RequestKind;
  /** Statuses that count as success (default [200]); 207 must be listed to be accepted. */
  readonly expect?: readonly number[];
  /** What the call is for (a stream name, `writeback`, …): counted separately in the stats. */
  readonly label?: string;
}

export interface HubSpotResponse {
  readonly status: number;
  /** Parsed JSON, or null for an empty body (204). Unvalidated: readers validate it. */
  readonly body: unknown;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface ApiStats {
  /** HTTP requests sent, retries included. */
  readonly calls: number;
  /** 429 responses received. */
  readonly rateLimited: number;
  /** Attempts that were retried (429, 5xx, network). */
  readonly retries: number;
  /** Calls per request label. */
  readonly byLabel: Readonly<Record<string, number>>;
}

export interface HubSpotApi {
  /** Sends one logical request, waiting for budget and retrying transient failures; throws HubSpotError. */
  request(req: HubSpotRequest): Promise<HubSpotResponse>;
  stats(): ApiStats;
}

/**
 * What went wrong, as the sync and the status page need to know it:
 * - `auth_expired`: the access token expired and could not be refreshed now (retry later);
 * - `needs_reconnect`: the refresh token or private-app token is no longer valid (user action);
 * - `missing_scope`: the token lacks a scope (`scopes` names it);
 * - `not_found`: 404 (the stream resyncs);
 * - `validation`: 400 (our request was wrong, or a property does not exist);
 * - `conflict`: 409;
 * - `rate_limited`: 429 still failing after retries; `daily_limit`: the daily quota is spent;
 * - `server`: 5xx still failing after retries; `network`: connection failures after retries;
 * - `malformed_response`: the body was not the JSON we expect.
 */
export type HubSpotErrorKind =
  | 'auth_expired'
  | 'needs_reconnect'
  | 'missing_scope'
  | 'not_found'
  | 'validation'
  | 'conflict'
  | 'rate_limited'
  | 'daily_limit'
  | 'server'
  | 'network'
  | 'malformed_response';

export class HubSpotError extends Error {
  override readonly name = 'HubSpotError';
  constructor(
    readonly kind: HubSpotErrorKind,
    message: string,
    readonly details: {
      readonly status?: number;
      readonly category?: string;
      readonly scopes?: readonly string[];
      readonly correlationId?: string;
      readonly body?: unknown;
      readonly cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
  }
}
