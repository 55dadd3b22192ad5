// Raw synced records: hash-skipping page upserts, archive flags, keyset iteration, counts.

import type { Selectable } from 'kysely';
import { guard } from '../errors.js';
import { contentHash } from '../hash.js';
import { sortKey } from '../../kernel/index.js';
import type { RecordsTable } from '../schema.js';
import {
  RECORD_TYPES,
  type IterateOptions,
  type JsonValue,
  type PropertyVersion,
  type RecordInput,
  type RecordType,
  type Store,
  type StoredRecord,
  type UpsertSummary,
} from '../store.js';
import {
  check,
  checkEach,
  checkUnique,
  Id,
  Ms,
  PortalId,
  RecordInputSchema,
  RecordTypeSchema,
} from '../validate.js';
import { bool, chunks, IN_CHUNK, INSERT_CHUNK, type QueryContext } from './context.js';
import { z } from 'zod';

type RecordMethods = Pick<
  Store,
  | 'upsertRecords'
  | 'setArchived'
  | 'getRecords'
  | 'iterateRecords'
  | 'listRecordIds'
  | 'countRecords'
>;

const PageSize = z.number().int().min(1).max(5000);

/** What the content hash covers: everything HubSpot sent except the archived state. */
const hashOf = (r: RecordInput): string =>
  contentHash({
    properties: r.properties,
    history: r.history ?? {},
    createdAt: r.createdAt ?? null,
    updatedAt: r.updatedAt,
  });

export function recordQueries(ctx: QueryContext): RecordMethods {
  const { db } = ctx;

  const decode = (row: Selectable<RecordsTable>): StoredRecord => ({
    id: row.id,
    properties: ctx.readJson(row.properties) as Record<string, JsonValue>,
    history: ctx.readJson(row.history) as Record<string, PropertyVersion[]>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archived: bool(row.archived),
    archivedAt: row.archived_at,
    contentHash: row.content_hash,
    syncedAt: row.synced_at,
  });

  return {
    async upsertRecords(portalId, objectType, records) {
      check(PortalId, portalId, 'portalId');
      check(RecordTypeSchema, objectType, 'objectType');
      checkEach(RecordInputSchema, records, 'records');
      checkUnique(
        records.map((r) => r.id),
        'records',
      );
      if (records.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };

      const summary = await guard(`upsert of ${records.length} ${objectType}`, portalId, () =>
        db.transaction().execute(async (trx): Promise<UpsertSummary> => {
          const existing = new Map<
            string,
            { hash: string; archived: boolean; at: number | null }
          >();
          for (const ids of chunks(
            records.map((r) => r.id),
            IN_CHUNK,
          )) {
            const rows = await trx
              .selectFrom('records')
              .select(['id', 'content_hash', 'archived', 'archived_at'])
              .where('portal_id', '=', portalId)
              .where('object_type', '=', objectType)
              .where('id', 'in', ids)
              .execute();
            for (const row of rows) {
              existing.set(row.id, {
                hash: row.content_hash,
                archived: bool(row.archived),
                at: row.archived_at,
              });
            }
          }

          const syncedAt = ctx.now();
          let inserted = 0;
          let unchanged = 0;
          const writes = [];
          for (const r of records) {
            const hash = hashOf(r);
            const archived = r.archived ?? false;
            const archivedAt = archived ? (r.archivedAt ?? null) : null;
            const old = existing.get(r.id);
            if (old === undefined) inserted++;
            else if (old.hash === hash && old.archived === archived && old.at === archivedAt) {
              unchanged++;
              continue;
            }
            writes.push({
              portal_id: portalId,
              object_type: objectType,
              id: r.id,
              sort_key: sortKey(r.id),
              properties: ctx.writeJson(r.properties),
              history: ctx.writeJson(r.history ?? {}),
              archived: archived ? 1 : 0,
              archived_at: archivedAt,
              created_at: r.createdAt ?? null,
              updated_at: r.updatedAt,
              content_hash: hash,
              synced_at: syncedAt,
            });
          }
          for (const rows of chunks(writes, INSERT_CHUNK)) {
            await trx
              .insertInto('records')
              .values(rows)
              .onConflict((oc) =>
                oc.columns(['portal_id', 'object_type', 'id']).doUpdateSet((eb) => ({
                  properties: eb.ref('excluded.properties'),
                  history: eb.ref('excluded.history'),
                  archived: eb.ref('excluded.archived'),
                  archived_at: eb.ref('excluded.archived_at'),
                  created_at: eb.ref('excluded.created_at'),
                  updated_at: eb.ref('excluded.updated_at'),
                  content_hash: eb.ref('excluded.content_hash'),
                  synced_at: eb.ref('excluded.synced_at'),
                })),
              )
              .execute();
          }
          return { inserted, updated: writes.length - inserted, unchanged };
        }),
      );
      if (summary.inserted > 0 && ctx.afterInsert !== undefined) {
        const { afterInsert } = ctx;
        await guard('statistics refresh', portalId, () => afterInsert('records', summary.inserted));
      }
      return summary;
    },

    async setArchived(portalId, objectType, ids, archived, at) {
      check(PortalId, portalId, 'portalId');
      check(RecordTypeSchema, objectType, 'objectType');
      checkEach(Id, ids, 'ids');
      if (at !== undefined) check(Ms, at, 'at');
      return await guard(`archive of ${objectType}`, portalId, () =>
        db.transaction().execute(async (trx) => {
          let changed = 0;
          for (const part of chunks(ids, IN_CHUNK)) {
            const r = await trx
              .updateTable('records')
              .set({
                archived: archived ? 1 : 0,
                archived_at: archived ? (at ?? ctx.now()) : null,
                synced_at: ctx.now(),
              })
              .where('portal_id', '=', portalId)
              .where('object_type', '=', objectType)
              .where('id', 'in', part)
              .where('archived', '=', archived ? 0 : 1)
              .executeTakeFirst();
            changed += Number(r.numUpdatedRows);
          }
          return changed;
        }),
      );
    },

    async getRecords(portalId, objectType, ids, options = {}) {
      check(PortalId, portalId, 'portalId');
      check(RecordTypeSchema, objectType, 'objectType');
      checkEach(Id, ids, 'ids');
      const history = check(z.boolean(), options.history ?? true, 'options.history');
      return await guard(`read of ${objectType}`, portalId, async () => {
        const out: StoredRecord[] = [];
        for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
          const q = db
            .selectFrom('records')
            .where('portal_id', '=', portalId)
            .where('object_type', '=', objectType)
            .where('id', 'in', part);
          if (history) out.push(...(await q.selectAll().execute()).map(decode));
          else {
            // The history column is often most of a contact's row: leave it in the database.
            const rows = await q
              .select([
                'id',
                'sort_key',
                'properties',
                'archived',
                'archived_at',
                'created_at',
                'updated_at',
                'content_hash',
                'synced_at',
              ])
              .execute();
            out.push(
              ...rows.map((r) =>
                decode({ ...r, portal_id: portalId, object_type: objectType, history: '{}' }),
              ),
            );
          }
        }
        return out.sort((a, b) => (sortKey(a.id) < sortKey(b.id) ? -1 : 1));
      });
    },

    async *iterateRecords(portalId: number, objectType: RecordType, options: IterateOptions = {}) {
      check(PortalId, portalId, 'portalId');
      check(RecordTypeSchema, objectType, 'objectType');
      const pageSize = check(PageSize, options.pageSize ?? 500, 'options.pageSize');
      let after =
        options.after === undefined ? '' : sortKey(check(Id, options.after, 'options.after'));
      for (;;) {
        const rows = await guard(`iteration of ${objectType}`, portalId, () => {
          let q = db
            .selectFrom('records')
            .selectAll()
            .where('portal_id', '=', portalId)
            .where('object_type', '=', objectType)
            .where('sort_key', '>', after);
          if (options.includeArchived !== true) q = q.where('archived', '=', 0);
          return q.orderBy('sort_key').limit(pageSize).execute();
        });
        const last = rows.at(-1);
        if (last === undefined) return;
        yield rows.map(decode);
        if (rows.length < pageSize) return;
        after = last.sort_key;
      }
    },

    async listRecordIds(portalId, objectType, options = {}) {
      check(PortalId, portalId, 'portalId');
      check(RecordTypeSchema, objectType, 'objectType');
      const limit = check(PageSize, options.limit ?? 1000, 'options.limit');
      const after =
        options.after === undefined ? '' : sortKey(check(Id, options.after, 'options.after'));
      return await guard(`id list of ${objectType}`, portalId, async () => {
        let q = db
          .selectFrom('records')
          .select('id')
          .where('portal_id', '=', portalId)
          .where('object_type', '=', objectType)
          .where('sort_key', '>', after);
        if (options.includeArchived !== true) q = q.where('archived', '=', 0);
        const rows = await q.orderBy('sort_key').limit(limit).execute();
        return rows.map((r) => r.id);
      });
    },

    async countRecords(portalId) {
      check(PortalId, portalId, 'portalId');
      return await guard('record count', portalId, async () => {
        const rows = await db
          .selectFrom('records')
          .select(['object_type', (eb) => eb.fn.countAll<number | string>().as('n')])
          .where('portal_id', '=', portalId)
          .where('archived', '=', 0)
          .groupBy('object_type')
          .execute();
        const counts = Object.fromEntries(RECORD_TYPES.map((t) => [t, 0])) as Record<
          RecordType,
          number
        >;
        for (const row of rows) counts[row.object_type as RecordType] = Number(row.n);
        return counts;
      });
    },
  };
}
