// The emulator's state besides the portal: configuration, issued tokens, counters and the seeded
// random source of the fault injector. One context per running sandbox; routes receive it.

import type { AppType, Portal } from '../portal.js';
import type { FaultSpec } from './middleware/fault-spec.js';
import { mulberry32 } from '../../src/kernel/index.js';

/** Every scope the emulator knows; a private-app token gets them all by default. */
export const ALL_SCOPES = [
  'oauth',
  'content',
  'sales-email-read',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
  'crm.schemas.deals.read',
  'crm.schemas.deals.write',
  'crm.objects.marketing_events.read',
  'crm.objects.owners.read',
] as const;

export interface TokenInfo {
  readonly kind: 'private' | 'oauth';
  readonly scopes: readonly string[];
  /** ms on the sandbox clock; absent for private-app tokens (they never expire). */
  readonly expiresAt?: number;
  readonly refreshToken?: string;
}

export interface SandboxConfig {
  readonly portal: Portal;
  /** Which app type `startSandbox` issues its token for (rate-limit policy follows the token). */
  readonly app: AppType;
  readonly appId: number;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly rateLimits: boolean;
  /** Overrides of the tier's burst/daily quotas (tests use small ones). */
  readonly limitOverrides: { readonly burst?: number; readonly daily?: number };
  /** Wall clock for rate windows and token expiry; injectable for tests. */
  readonly clock: () => number;
  readonly faults: FaultSpec | undefined;
  readonly seed: number;
  readonly advance: ((portal: Portal, days: number, seed: number) => unknown) | undefined;
}

export interface Stats {
  total: number;
  requests: Map<string, number>;
  rateLimited: number;
  faultsInjected: number;
}

export interface SandboxContext {
  readonly config: SandboxConfig;
  readonly tokens: Map<string, TokenInfo>;
  /** refresh token → scopes */
  readonly refreshTokens: Map<string, readonly string[]>;
  /** authorization code → grant */
  readonly codes: Map<
    string,
    { redirectUri: string; scopes: readonly string[]; expiresAt: number }
  >;
  readonly stats: Stats;
  /** Seeded by the fault spec: the same request sequence meets the same faults. */
  readonly random: () => number;
  /** Requests left in the current injected 429 burst. */
  burstLeft: number;
  /** `POST /_sandbox/advance` calls so far (each gets its own derived seed). */
  advanceCount: number;
}

export function createContext(config: SandboxConfig): SandboxContext {
  return {
    config,
    tokens: new Map(),
    refreshTokens: new Map(),
    codes: new Map(),
    stats: { total: 0, requests: new Map(), rateLimited: 0, faultsInjected: 0 },
    random: seededRandom(config.faults?.seed ?? config.seed),
    burstLeft: 0,
    advanceCount: 0,
  };
}

/** mulberry32, so fault injection replays identically for a seed. */
export const seededRandom = mulberry32;
