// State shared by the writers while one portal is generated or advanced.

import type { CrmRecord, DealTruth, Portal, RevivalTruth } from '../portal.js';
import type { AccountPlan } from './plan.js';
import type { Rng } from './random.js';
import type { COUNTRIES } from './vocabulary.js';

/** HubSpot owner ids (users) the records are assigned to. */
export const OWNER_IDS = [
  '71000001',
  '71000002',
  '71000003',
  '71000004',
  '71000005',
  '71000006',
  '71000007',
  '71000008',
  '71000009',
  '71000010',
  '71000011',
  '71000012',
] as const;

export interface Ctx {
  readonly portal: Portal;
  readonly rng: Rng;
  /** The end of the simulated period (tasks due later are still open). */
  readonly end: number;
  /** Web-analytics events exist only on Enterprise portals. */
  readonly webAnalytics: boolean;
  readonly dealTruth: DealTruth[];
  readonly revivals: RevivalTruth[];
}

/** One account's records as its plan is replayed (indexes match the plan's). */
export interface Account {
  readonly plan: AccountPlan;
  readonly owner: string;
  readonly country: (typeof COUNTRIES)[number];
  /** ISO currency of the account's deals. */
  readonly currency: string;
  company?: CrmRecord;
  readonly contacts: (CrmRecord | undefined)[];
  readonly deals: (CrmRecord | undefined)[];
  /** The reviving touch, waiting for its deal to be created. */
  pendingRevival?: Omit<RevivalTruth, 'dealId'>;
}

export function newCtx(portal: Portal, rng: Rng, end: number): Ctx {
  return {
    portal,
    rng,
    end,
    webAnalytics: portal.tier === 'enterprise',
    dealTruth: [],
    revivals: [],
  };
}
