// Batched writes of one object type with per-record outcomes: records whose values changed are
// queued, sent 100 per batch update, and each one's write-back state (hash + values) is saved only
// once HubSpot confirmed that record. Failed records are retried once at the end, then reported.

import { HubSpotError, type HubSpotApi, type HubSpotErrorKind } from '../hubspot/index.js';
import { batchUpdate, MAX_BATCH_UPDATE } from '../hubspot/index.js';
import type { PropertyObjectType } from '../hubspot/index.js';
import { contentHash, type Store } from '../store/index.js';
import type { PropertyValues } from './values.js';

export interface WriteBackFailure {
  readonly objectType: PropertyObjectType;
  readonly id: string;
  /**
   * HubSpot's error category for a record (e.g. OBJECT_NOT_FOUND, `unconfirmed`), the HubSpot
   * error kind when a whole batch failed (e.g. `validation`, `server`), or a local reason:
   * `touch_missing` (the stored result names a touch no longer stored: recompute first),
   * `channel_not_provisioned`, `invalid_deal`, `invalid_attribution`.
   */
  readonly reason: string;
  readonly message: string;
}

export interface WriterContext {
  readonly store: Store;
  readonly api: HubSpotApi;
  readonly portalId: number;
  readonly now: () => number;
  /** Where every writer reports the records it gave up on. */
  readonly failures: WriteBackFailure[];
  /** Set when a batch failed validation: the remembered schema may be wrong (a property gone). */
  schemaInvalid: boolean;
}

/** Failures no other record can escape either: they stop the run (states saved so far stay). */
const FATAL: ReadonlySet<HubSpotErrorKind> = new Set([
  'auth_expired',
  'needs_reconnect',
  'missing_scope',
  'daily_limit',
]);

interface Pending {
  readonly id: string;
  readonly properties: PropertyValues;
  readonly hash: string;
}

interface Failed {
  readonly input: Pending;
  readonly reason: string;
  readonly message: string;
  readonly retryable: boolean;
}

export class Writer {
  private pending: Pending[] = [];
  private readonly failed: Failed[] = [];
  private written = 0;
  private unchanged = 0;
  private sends = 0;

  constructor(
    private readonly ctx: WriterContext,
    private readonly objectType: PropertyObjectType,
  ) {}

  /** Queues the record when its values differ from the last confirmed write (`lastHash`). */
  async offer(id: string, properties: PropertyValues, lastHash: string | undefined): Promise<void> {
    if (Object.keys(properties).length === 0) return; // every property collided
    const hash = contentHash(properties);
    if (hash === lastHash) {
      this.unchanged++;
      return;
    }
    this.pending.push({ id, properties, hash });
    if (this.pending.length >= MAX_BATCH_UPDATE) await this.flush();
  }

  /** Writes what is queued, retries every retryable failure once, reports the rest. */
  async finish(): Promise<void> {
    await this.flush();
    const again: Pending[] = [];
    for (const f of this.failed.splice(0)) {
      if (f.retryable) again.push(f.input);
      else this.report(f);
    }
    for (let i = 0; i < again.length; i += MAX_BATCH_UPDATE) {
      await this.send(again.slice(i, i + MAX_BATCH_UPDATE));
    }
    for (const f of this.failed.splice(0)) this.report(f);
  }

  counts(): { readonly written: number; readonly unchanged: number } {
    return { written: this.written, unchanged: this.unchanged };
  }

  /** Batch updates sent (retries included). */
  batches(): number {
    return this.sends;
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) await this.send(this.pending.splice(0, MAX_BATCH_UPDATE));
  }

  private async send(batch: readonly Pending[]): Promise<void> {
    const { ctx, objectType } = this;
    this.sends++;
    let outcome;
    try {
      outcome = await batchUpdate(
        ctx.api,
        objectType,
        batch.map((p) => ({ id: p.id, properties: p.properties })),
      );
    } catch (e) {
      if (!(e instanceof HubSpotError) || FATAL.has(e.kind)) throw e;
      // A 400 fails the whole batch (HubSpot validates it as one) and would fail again as is.
      if (e.kind === 'validation') ctx.schemaInvalid = true;
      for (const input of batch) {
        this.failed.push({
          input,
          reason: e.kind,
          message: e.message,
          retryable: e.kind !== 'validation',
        });
      }
      return;
    }
    const byId = new Map(batch.map((p) => [p.id, p]));
    const confirmed = outcome.updated.map((id) => byId.get(id)!);
    if (confirmed.length > 0) {
      const writtenAt = ctx.now();
      await ctx.store.saveWritebackStates(
        ctx.portalId,
        objectType,
        confirmed.map((p) => ({ objectId: p.id, hash: p.hash, values: p.properties, writtenAt })),
      );
      this.written += confirmed.length;
    }
    for (const f of outcome.failed) {
      this.failed.push({
        input: byId.get(f.id)!,
        reason: f.category,
        message: f.message,
        retryable: true,
      });
    }
  }

  private report(f: Failed): void {
    this.ctx.failures.push({
      objectType: this.objectType,
      id: f.input.id,
      reason: f.reason,
      message: f.message,
    });
  }
}
