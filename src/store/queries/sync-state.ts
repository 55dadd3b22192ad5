// Sync checkpoints (versioned: a save succeeds only from the version it was read at, so two
// runners of one stream cannot both advance it) and per-stream status for the health page.

import { err, ok } from '../../kernel/index.js';
import { guard } from '../errors.js';
import type { Checkpoint, JsonValue, Store, StreamStatus, SyncPhase } from '../store.js';
import { check, CheckpointInputSchema, PortalId, StreamStatusSchema } from '../validate.js';
import { type QueryContext } from './context.js';
import { z } from 'zod';

type SyncStateMethods = Pick<
  Store,
  'getCheckpoint' | 'saveCheckpoint' | 'saveStreamStatus' | 'streamStatuses'
>;

const Stream = z.string().min(1).max(200);

export function syncStateQueries(ctx: QueryContext): SyncStateMethods {
  const { db } = ctx;

  return {
    async getCheckpoint(portalId, stream) {
      check(PortalId, portalId, 'portalId');
      check(Stream, stream, 'stream');
      return await guard(`checkpoint read ${stream}`, portalId, async () => {
        const row = await db
          .selectFrom('sync_checkpoints')
          .selectAll()
          .where('portal_id', '=', portalId)
          .where('stream', '=', stream)
          .executeTakeFirst();
        if (row === undefined) return undefined;
        return {
          portalId: row.portal_id,
          stream: row.stream,
          version: row.version,
          cursor: ctx.readJson(row.cursor) as JsonValue,
          phase: row.phase as SyncPhase,
          lastFullSyncAt: row.last_full_sync_at,
          updatedAt: row.updated_at,
        };
      });
    },

    async saveCheckpoint(input) {
      check(CheckpointInputSchema, input, 'checkpoint');
      const { portalId, stream, version } = input;
      const saved: Checkpoint = { ...input, version: version + 1, updatedAt: ctx.now() };
      const row = {
        version: saved.version,
        cursor: ctx.writeJson(saved.cursor),
        phase: saved.phase,
        last_full_sync_at: saved.lastFullSyncAt,
        updated_at: saved.updatedAt,
      };
      const written = await guard(`checkpoint save ${stream}`, portalId, async () => {
        if (version === 0) {
          const r = await db
            .insertInto('sync_checkpoints')
            .values({ portal_id: portalId, stream, ...row })
            .onConflict((oc) => oc.columns(['portal_id', 'stream']).doNothing())
            .executeTakeFirst();
          return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
        }
        const r = await db
          .updateTable('sync_checkpoints')
          .set(row)
          .where('portal_id', '=', portalId)
          .where('stream', '=', stream)
          .where('version', '=', version)
          .executeTakeFirst();
        return Number(r.numUpdatedRows) === 1;
      });
      return written
        ? ok(saved)
        : err(
            'checkpoint_conflict',
            `checkpoint ${stream} of portal ${portalId} is no longer at version ${version}`,
          );
    },

    async saveStreamStatus(portalId, status) {
      check(PortalId, portalId, 'portalId');
      check(StreamStatusSchema, status, 'status');
      const row = {
        records: status.records,
        api_calls: status.apiCalls,
        last_error_kind: status.lastError?.kind ?? null,
        last_error_message: status.lastError?.message ?? null,
        last_error_at: status.lastError?.at ?? null,
        last_run_at: status.lastRunAt,
      };
      await guard(`stream status save ${status.stream}`, portalId, () =>
        db
          .insertInto('stream_status')
          .values({ portal_id: portalId, stream: status.stream, ...row })
          .onConflict((oc) => oc.columns(['portal_id', 'stream']).doUpdateSet(row))
          .execute(),
      );
    },

    async streamStatuses(portalId) {
      check(PortalId, portalId, 'portalId');
      return await guard('stream status read', portalId, async () => {
        const rows = await db
          .selectFrom('stream_status')
          .selectAll()
          .where('portal_id', '=', portalId)
          .orderBy('stream')
          .execute();
        return rows.map((r): StreamStatus => ({
          stream: r.stream,
          records: r.records,
          apiCalls: r.api_calls,
          lastError:
            r.last_error_kind === null
              ? null
              : {
                  kind: r.last_error_kind,
                  message: r.last_error_message ?? '',
                  at: r.last_error_at ?? 0,
                },
          lastRunAt: r.last_run_at,
        }));
      });
    },
  };
}
