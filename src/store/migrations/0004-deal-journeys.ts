// Each deal's journey as the last recompute assembled it (issue 15, the one read model): the deal
// facts, its touches under the channel rules then in force, the buying group and each touch's
// resolved contacts and companies. With the per-model results in attribution_results it is the
// complete answer the card, write-back, reports and exports read; nothing recomputes it.

import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from './index.js';

export function dealJourneys(dialect: DialectName): Migration {
  const json = dialect === 'postgres' ? sql`jsonb` : sql`text`;
  const sortKey = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('deal_journeys')
        .addColumn('portal_id', 'bigint', (c) => c.notNull())
        .addColumn('deal_id', 'text', (c) => c.notNull())
        .addColumn('deal_sort_key', sortKey, (c) => c.notNull())
        .addColumn('settings_version', 'integer', (c) => c.notNull())
        .addColumn('computed_at', 'bigint', (c) => c.notNull())
        .addColumn('journey', json, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('deal_journeys_pk', ['portal_id', 'deal_id'])
        .execute();
      await db.schema
        .createIndex('deal_journeys_list')
        .on('deal_journeys')
        .columns(['portal_id', 'deal_sort_key'])
        .execute();
    },
  };
}
