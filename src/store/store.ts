// The Store: everything the app persists, behind one interface with a SQLite and a PostgreSQL
// implementation that pass one contract suite (test/integration/store/contract.ts). Its methods
// and types are grouped by topic in types/.
//
// TENANCY RULE. Every table's key begins with portal_id, every method takes `portalId` first, and
// every query filters by it: no method ever reads or writes a row of another portal. The single
// exception is `listPortalIds()`, which the scheduler needs to know which portals exist.
//
// Errors: invalid input and database faults throw StoreError (with `cause`); nothing is written
// when input is invalid. Expected outcomes (stale checkpoint, settings race) are Result values.
//
// Ids: HubSpot ids are numeric strings; the store keeps them as text and orders them numerically
// ("9" < "10" < "100"), then non-numeric ids (email events) after all numeric ones in code-unit
// order. See ids.ts.

import type { AdminMethods } from './types/admin.js';
import type { FreshnessMethods } from './types/freshness.js';
import type { ReadModelMethods } from './types/read-model.js';
import type { AssociationMethods, PortalMethods, RecordMethods } from './types/records.js';
import type { SyncStateMethods } from './types/sync-state.js';
import type { TouchpointMethods } from './types/touchpoints.js';

export type * from './types/admin.js';
export type * from './types/freshness.js';
export type * from './types/read-model.js';
export type * from './types/records.js';
export type * from './types/sync-state.js';
export type * from './types/touchpoints.js';
export { RECORD_TYPES } from './types/records.js';
export { HINT_KINDS } from './types/freshness.js';

export interface Store
  extends
    PortalMethods,
    RecordMethods,
    AssociationMethods,
    TouchpointMethods,
    SyncStateMethods,
    ReadModelMethods,
    FreshnessMethods,
    AdminMethods {
  readonly dialect: 'sqlite' | 'postgres';
  /** Schema migrations applied and pending (pending is empty after a successful open). */
  migrations(): Promise<{
    readonly applied: readonly string[];
    readonly pending: readonly string[];
  }>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Clock for synced_at / updated_at stamps (ms); tests pass a fake. */
  readonly now?: () => number;
}
