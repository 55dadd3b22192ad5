// The sync's checkpoints and per-stream status.

import type { Result } from '../../kernel/index.js';
import type { JsonValue } from './records.js';

export type SyncPhase = 'full' | 'incremental';

export interface Checkpoint {
  readonly portalId: number;
  readonly stream: string;
  /** 0 = never saved. saveCheckpoint succeeds only if the stored version still equals this. */
  readonly version: number;
  readonly cursor: JsonValue;
  readonly phase: SyncPhase;
  readonly lastFullSyncAt: number | null;
  readonly updatedAt: number;
}
export type CheckpointInput = Omit<Checkpoint, 'updatedAt'>;

export interface StreamStatus {
  readonly stream: string;
  readonly records: number;
  readonly apiCalls: number;
  readonly lastError: {
    readonly kind: string;
    readonly message: string;
    readonly at: number;
  } | null;
  readonly lastRunAt: number | null;
}

export interface SyncStateMethods {
  getCheckpoint(portalId: number, stream: string): Promise<Checkpoint | undefined>;
  saveCheckpoint(cp: CheckpointInput): Promise<Result<Checkpoint, 'checkpoint_conflict'>>;
  saveStreamStatus(portalId: number, status: StreamStatus): Promise<void>;
  streamStatuses(portalId: number): Promise<StreamStatus[]>;
}
