// Touchpoints derived by the sync, stored per origin record.

import type { Touchpoint } from '../../attribution/index.js';
import type { TouchKind } from '../../domain/index.js';

export type StoredTouchpoint = Touchpoint & {
  readonly originType: string;
  readonly originId: string;
};
export type TouchpointInput = Touchpoint & { readonly originId: string };

export interface RecentTouchpointsOptions {
  /** How many touches, 1–5000. */
  readonly limit: number;
  /** Only these kinds (at least one); all kinds when omitted. */
  readonly kinds?: readonly TouchKind[];
}

export interface TouchpointMethods {
  replaceTouchpointsFor(
    portalId: number,
    originType: string,
    originIds: readonly string[],
    touchpoints: readonly TouchpointInput[],
  ): Promise<void>;
  /** Ordered by occurredAt, then id. */
  touchpointsForContacts(
    portalId: number,
    contactIds: readonly string[],
  ): Promise<StoredTouchpoint[]>;
  /** The contacts of the touches these origin records produced (store id order). */
  touchContactsOf(
    portalId: number,
    originType: string,
    originIds: readonly string[],
  ): Promise<string[]>;
  /** The portal's latest touches: occurredAt descending, then id descending (binary order). */
  recentTouchpoints(
    portalId: number,
    options: RecentTouchpointsOptions,
  ): Promise<StoredTouchpoint[]>;
}
