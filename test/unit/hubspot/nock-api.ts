// Shared setup of the nock tests: a HubSpotApi against a fake https://api.hubapi.com whose
// backoff sleeps are recorded instead of waited, with a budget too large to interfere.

import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';
import type { HubSpotApi } from '../../../src/hubspot/api.js';
import { staticToken, type TokenProvider } from '../../../src/hubspot/auth.js';
import { createRateBudget, limitsFor } from '../../../src/hubspot/budget.js';
import { createHubSpotApi, type HubSpotApiOptions } from '../../../src/hubspot/client.js';

export const BASE = 'https://api.hubapi.com';

export function useNock(): void {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    if (pending.length > 0) throw new Error(`unused nock interceptors: ${pending.join(', ')}`);
  });
}

export interface TestApi {
  readonly api: HubSpotApi;
  /** Every backoff wait the client asked for, in ms. */
  readonly waits: number[];
  readonly logs: { level: string; event: string; fields: Readonly<Record<string, unknown>> }[];
}

export function testApi(
  overrides: Partial<Omit<HubSpotApiOptions, 'tokens'>> & { tokens?: TokenProvider } = {},
): TestApi {
  const waits: number[] = [];
  const logs: TestApi['logs'] = [];
  const api = createHubSpotApi({
    baseUrl: BASE,
    tokens: staticToken('pat-test'),
    budget: createRateBudget({ limits: limitsFor('private', 'enterprise') }),
    random: () => 0.5,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    log: (level, event, fields) => logs.push({ level, event, fields }),
    ...overrides,
  });
  return { api, waits, logs };
}

export const JSON_HEADERS = { 'Content-Type': 'application/json;charset=utf-8' };
