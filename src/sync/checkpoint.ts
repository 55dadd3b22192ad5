// A stream's versioned, forward-only checkpoint. Every save names the version it read; if another
// runner advanced the stream meanwhile the save fails and this runner stops (it must not overwrite
// progress it did not make). The order is always: page fetched → records stored → checkpoint
// saved, so a crash between any two steps repeats at most one page, which upserts idempotently.

import type { Checkpoint, JsonValue, Store, SyncPhase } from '../store/index.js';

export class CheckpointConflict extends Error {
  override readonly name = 'CheckpointConflict';
}

export class StreamCheckpoint {
  private constructor(
    private readonly store: Store,
    private readonly portalId: number,
    readonly stream: string,
    private current: Checkpoint | undefined,
  ) {}

  static async load(store: Store, portalId: number, stream: string): Promise<StreamCheckpoint> {
    return new StreamCheckpoint(
      store,
      portalId,
      stream,
      await store.getCheckpoint(portalId, stream),
    );
  }

  get cursor(): JsonValue | undefined {
    return this.current?.cursor;
  }
  get phase(): SyncPhase | undefined {
    return this.current?.phase;
  }
  get lastFullSyncAt(): number | null {
    return this.current?.lastFullSyncAt ?? null;
  }

  async save(cursor: JsonValue, phase: SyncPhase, lastFullSyncAt = this.lastFullSyncAt) {
    const saved = await this.store.saveCheckpoint({
      portalId: this.portalId,
      stream: this.stream,
      version: this.current?.version ?? 0,
      cursor,
      phase,
      lastFullSyncAt,
    });
    if (!saved.ok) throw new CheckpointConflict(saved.message);
    this.current = saved.value;
  }
}
