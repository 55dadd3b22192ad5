// What every route family receives from the app factory.

import type { ObjectType } from '../portal.js';
import type { SandboxContext } from './context.js';
import type { Guards } from './middleware/guard.js';
import type { OrderedIds } from './ordered-ids.js';
import type { PageCache } from './page-cache.js';
import type { RecordCache } from './record-cache.js';

export interface Deps {
  readonly ctx: SandboxContext;
  readonly guards: Guards;
  readonly idOrder: (type: ObjectType) => OrderedIds;
  readonly records: RecordCache;
  readonly pages: PageCache;
}
