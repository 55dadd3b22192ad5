// Assembles the Store from the portable query groups; the dialect files add only connection,
// JSON decoding and lifecycle.

import { sql } from 'kysely';
import { guard } from '../errors.js';
import { migrationStatus } from '../migrations/index.js';
import type { Store } from '../store.js';
import { associationQueries } from './associations.js';
import { evaluationQueries } from './evaluations.js';
import { freshnessQueries } from './freshness.js';
import { journeyQueries } from './journeys.js';
import type { QueryContext } from './context.js';
import { memberQueries } from './members.js';
import { mergeQueries } from './merges.js';
import { portalDataQueries } from './portal-data.js';
import { recordQueries } from './records.js';
import { resultQueries } from './results.js';
import { syncStateQueries } from './sync-state.js';
import { touchpointQueries } from './touchpoints.js';
import { viewQueries } from './views.js';

export function createStore(ctx: QueryContext, close: () => Promise<void>): Store {
  return {
    dialect: ctx.dialect,
    ...portalDataQueries(ctx),
    ...recordQueries(ctx),
    ...mergeQueries(ctx),
    ...associationQueries(ctx),
    ...touchpointQueries(ctx),
    ...syncStateQueries(ctx),
    ...resultQueries(ctx),
    ...evaluationQueries(ctx),
    ...journeyQueries(ctx),
    ...memberQueries(ctx),
    ...viewQueries(ctx),
    ...freshnessQueries(ctx),
    async ping() {
      await guard('ping', 0, () => sql`select 1`.execute(ctx.db));
    },
    async migrations() {
      return await guard('migration status', 0, () =>
        migrationStatus(ctx.db, ctx.dialect, ctx.migrationSchema),
      );
    },
    close,
  };
}
