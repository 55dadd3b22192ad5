// GET /account-info/v3/details: which portal a token belongs to, its time zone (daily quotas reset
// at its local midnight) and its company currency (deal amounts are in it).

import { z } from 'zod';
import type { HubSpotApi } from '../api.js';
import { parseEnvelope } from './wire.js';

export interface AccountInfo {
  readonly portalId: number;
  readonly timeZone: string;
  readonly currency: string;
  /** e.g. STANDARD, SANDBOX, DEVELOPER_TEST */
  readonly accountType?: string;
}

const Body = z.object({
  portalId: z.number().int().positive(),
  timeZone: z.string().min(1),
  companyCurrency: z.string().min(1),
  accountType: z.string().optional(),
});

export async function accountInfo(api: HubSpotApi): Promise<AccountInfo> {
  const res = await api.request({ method: 'GET', path: '/account-info/v3/details' });
  const b = parseEnvelope(res, Body, 'account info');
  return {
    portalId: b.portalId,
    timeZone: b.timeZone,
    currency: b.companyCurrency,
    ...(b.accountType === undefined ? {} : { accountType: b.accountType }),
  };
}
