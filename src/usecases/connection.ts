// What the use-cases need of a portal's HubSpot connection — one rate budget per portal, shared by
// every step. The composition root (src/app/) builds it from the configuration.

import type { AccountInfo, HubSpotApi, RateBudget } from '../hubspot/index.js';
import type { SyncReaders } from '../sync/index.js';

export interface PortalConnection {
  readonly portalId: number;
  readonly account: AccountInfo;
  readonly api: HubSpotApi;
  readonly budget: RateBudget;
  /** Readers whose calls count under `label`. */
  readonly readers: (label: string) => SyncReaders;
  /** The API with every call counted under `label`. */
  readonly labelled: (label: string) => HubSpotApi;
}

/** The connection of a portal (private app: its token; OAuth: its stored refresh token). */
export type Connections = (portalId: number) => Promise<PortalConnection>;
