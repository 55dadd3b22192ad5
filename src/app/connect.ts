// Composition: one portal's HubSpot connection (the use-cases' PortalConnection) — token, the portal's single rate budget, the API
// client, and sync readers whose calls are counted per stream. Everything that talks to a portal
// (sync, write-back, `npm start`) gets it from here, so every caller shares one budget.

import {
  accountInfo,
  createHubSpotApi,
  createRateBudget,
  limitsFor,
  type AppType,
  type BudgetLimits,
  type HubSpotApi,
  type HubSpotLogger,
  type HubSpotRequest,
  type RetryPolicy,
  type Tier,
  type TokenProvider,
  type WindowState,
} from '../hubspot/index.js';
import { hubspotSyncReaders } from '../sync/index.js';
import type { PortalConnection } from '../usecases/index.js';

export interface ConnectOptions {
  readonly baseUrl: string;
  readonly tokens: TokenProvider;
  readonly appType: AppType;
  /** Sizes a private app's budget until HubSpot's headers say otherwise (default starter). */
  readonly tier?: Tier;
  /** Explicit limits (tests, benchmarks); default: by app type and tier. */
  readonly limits?: BudgetLimits;
  readonly retry?: Partial<RetryPolicy>;
  /** Requests in flight at once (default 6). */
  readonly concurrency?: number;
  readonly log?: HubSpotLogger;
  /** Where the budget counts calls (default in memory; PostgreSQL when workers share it). */
  readonly windows?: { readonly burst: WindowState; readonly search: WindowState };
}

export async function connectPortal(options: ConnectOptions): Promise<PortalConnection> {
  const budget = createRateBudget({
    limits: options.limits ?? limitsFor(options.appType, options.tier ?? 'starter'),
    ...(options.windows === undefined
      ? {}
      : { burstWindow: options.windows.burst, searchWindow: options.windows.search }),
  });
  const api = createHubSpotApi({
    baseUrl: options.baseUrl,
    tokens: options.tokens,
    budget,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const labelled = (label: string): HubSpotApi => ({
    request: (req: HubSpotRequest) => api.request({ ...req, label }),
    stats: () => api.stats(),
  });
  const account = await accountInfo(labelled('account'));
  return {
    portalId: account.portalId,
    account,
    api,
    budget,
    labelled,
    readers: (label) =>
      hubspotSyncReaders(labelled(label), () => api.stats().byLabel[label] ?? 0, options.log),
  };
}
