// The streaming read model (issue 12, ADR 0008):
// - deal_journeys gains each deal's path summary (its channels in order, won/lost/open, value):
//   the counts the data-driven models learn from are one GROUP BY over these columns, so a
//   recompute never holds every journey to learn;
// - journey_members: which contacts and companies each stored journey reaches (influence, and the
//   deals a changed contact or company affects);
// - deal_views: the card's answer per deal and shown model, built by the worker (its JSON);
// - learned_models: each data-driven model's learned channel weights, reused by targeted
//   recomputes between the scheduled ones;
// - recompute_state: what the last recompute covered (settings version, synced-through mark,
//   last full run);
// - change_hints: webhook hints waiting for their targeted refresh (nothing is lost on restart);
// - records(portal_id, synced_at): the change feed of what a sync wrote since the last recompute.

import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from './index.js';

export function streamingReadModel(dialect: DialectName): Migration {
  const json = dialect === 'postgres' ? sql`jsonb` : sql`text`;
  const real = dialect === 'postgres' ? sql`double precision` : sql`real`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('deal_journeys').addColumn('path', 'text').execute();
      await db.schema.alterTable('deal_journeys').addColumn('outcome', 'text').execute();
      await db.schema.alterTable('deal_journeys').addColumn('value', real).execute();

      await db.schema
        .createTable('journey_members')
        .addColumn('portal_id', 'bigint', (c) => c.notNull())
        .addColumn('deal_id', 'text', (c) => c.notNull())
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('journey_members_pk', [
          'portal_id',
          'deal_id',
          'object_type',
          'object_id',
        ])
        .execute();
      await db.schema
        .createIndex('journey_members_object')
        .on('journey_members')
        .columns(['portal_id', 'object_type', 'object_id'])
        .execute();

      await db.schema
        .createTable('deal_views')
        .addColumn('portal_id', 'bigint', (c) => c.notNull())
        .addColumn('deal_id', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('settings_version', 'integer', (c) => c.notNull())
        .addColumn('computed_at', 'bigint', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('deal_views_pk', ['portal_id', 'deal_id', 'model'])
        .execute();

      await db.schema
        .createTable('learned_models')
        .addColumn('portal_id', 'bigint', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('settings_version', 'integer', (c) => c.notNull())
        .addColumn('computed_at', 'bigint', (c) => c.notNull())
        .addColumn('learned', json, (c) => c.notNull())
        .addPrimaryKeyConstraint('learned_models_pk', ['portal_id', 'model'])
        .execute();

      await db.schema
        .createTable('recompute_state')
        .addColumn('portal_id', 'bigint', (c) => c.primaryKey())
        .addColumn('settings_version', 'integer', (c) => c.notNull())
        .addColumn('synced_through', 'bigint', (c) => c.notNull())
        .addColumn('full_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('change_hints')
        .addColumn('portal_id', 'bigint', (c) => c.notNull())
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'bigint', (c) => c.notNull())
        .addColumn('merged_ids', json)
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('change_hints_pk', ['portal_id', 'object_type', 'object_id'])
        .execute();

      await db.schema
        .createIndex('records_synced')
        .on('records')
        .columns(['portal_id', 'synced_at'])
        .execute();
    },
  };
}
