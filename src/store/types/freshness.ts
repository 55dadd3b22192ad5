// What keeps the read model fresh between scheduled full recomputes (ADR 0008): the change feed
// of synced records, what the last recompute covered, and webhook hints waiting for a refresh.

import type { RecordType } from './records.js';

/** A record the sync wrote (inserted, changed, archived or restored). */
export interface ChangedRecord {
  readonly objectType: RecordType;
  readonly id: string;
  readonly syncedAt: number;
}

export interface RecomputeState {
  /** The settings version the stored read model was computed under. */
  readonly settingsVersion: number;
  /** Every record synced at or before this (store clock) is reflected in the read model. */
  readonly syncedThrough: number;
  /** When the last full recompute ran (learned weights and open deals' as-of date). */
  readonly fullAt: number;
  readonly updatedAt: number;
}
export type RecomputeStateInput = Omit<RecomputeState, 'updatedAt'>;

/** What a webhook says happened to a record (its subscription type's last part). */
export const HINT_KINDS = [
  'creation',
  'deletion',
  'propertyChange',
  'associationChange',
  'merge',
  'restore',
  'privacyDeletion',
] as const;
export type HintKind = (typeof HINT_KINDS)[number];

/** A webhook's "this record changed", kept until a refresh re-read it. */
export interface ChangeHintRecord {
  readonly objectType: RecordType;
  readonly objectId: string;
  readonly kind: HintKind;
  readonly occurredAt: number;
  /** merge: the ids that no longer exist. */
  readonly mergedIds?: readonly string[];
  /** Store clock when (last) received; taking a hint compares it, so a newer one survives. */
  readonly receivedAt: number;
}
export type ChangeHintInput = Omit<ChangeHintRecord, 'receivedAt'>;

export interface FreshnessMethods {
  /** The latest synced_at of the portal's records (null: none stored). */
  lastSyncedAt(portalId: number): Promise<number | null>;
  /** How many records were synced in (after, through]. */
  countChangedRecords(portalId: number, after: number, through: number): Promise<number>;
  /** Records synced in (after, through], oldest first, at most `limit` (1–100000). */
  changedRecords(
    portalId: number,
    after: number,
    through: number,
    limit: number,
  ): Promise<ChangedRecord[]>;

  recomputeState(portalId: number): Promise<RecomputeState | undefined>;
  saveRecomputeState(portalId: number, state: RecomputeStateInput): Promise<void>;

  /** Adds hints; a record already waiting keeps one hint (the latest occurrence). */
  addChangeHints(portalId: number, hints: readonly ChangeHintInput[]): Promise<void>;
  /** The oldest waiting hints, at most `limit` (1–5000). */
  changeHints(portalId: number, limit: number): Promise<ChangeHintRecord[]>;
  /** Removes these hints unless received again since (receivedAt or occurredAt changed). */
  deleteChangeHints(portalId: number, hints: readonly ChangeHintRecord[]): Promise<number>;
  /** How many hints wait. */
  countChangeHints(portalId: number): Promise<number>;
}
