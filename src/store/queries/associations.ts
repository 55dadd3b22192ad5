// Associations: replaced per (from ids, to type) so an association removed in HubSpot disappears
// here; read in both directions because the sync may store either side of a pair.

import { guard, invalidInput } from '../errors.js';
import { compareIds } from '../../kernel/index.js';
import type { AssociationPair, Store } from '../store.js';
import {
  AssociationPairSchema,
  check,
  checkEach,
  Id,
  PortalId,
  RecordTypeSchema,
} from '../validate.js';
import { chunks, IN_CHUNK, INSERT_CHUNK, type QueryContext } from './context.js';

type AssociationMethods = Pick<Store, 'replaceAssociations' | 'associationsOf'>;

export function associationQueries(ctx: QueryContext): AssociationMethods {
  const { db } = ctx;

  return {
    async replaceAssociations(portalId, fromType, fromIds, toType, pairs) {
      check(PortalId, portalId, 'portalId');
      check(RecordTypeSchema, fromType, 'fromType');
      check(RecordTypeSchema, toType, 'toType');
      checkEach(Id, fromIds, 'fromIds');
      checkEach(AssociationPairSchema, pairs, 'pairs');
      const from = new Set(fromIds);
      const seen = new Set<string>();
      pairs.forEach((p, i) => {
        if (!from.has(p.fromId)) throw invalidInput(`pairs[${i}].fromId`, 'not among fromIds');
        const key = `${p.fromId}\u0000${p.toId}`;
        if (seen.has(key)) throw invalidInput(`pairs[${i}]`, 'duplicate pair');
        seen.add(key);
      });
      if (from.size === 0) return;

      await guard(`association replace ${fromType}→${toType}`, portalId, () =>
        db.transaction().execute(async (trx) => {
          for (const part of chunks([...from], IN_CHUNK)) {
            await trx
              .deleteFrom('associations')
              .where('portal_id', '=', portalId)
              .where('from_type', '=', fromType)
              .where('to_type', '=', toType)
              .where('from_id', 'in', part)
              .execute();
          }
          for (const part of chunks(pairs, INSERT_CHUNK)) {
            await trx
              .insertInto('associations')
              .values(
                part.map((p) => ({
                  portal_id: portalId,
                  from_type: fromType,
                  from_id: p.fromId,
                  to_type: toType,
                  to_id: p.toId,
                  type_ids: ctx.writeJson([...new Set(p.typeIds)].sort((a, b) => a - b)),
                })),
              )
              .execute();
          }
        }),
      );
    },

    async associationsOf(portalId, fromType, fromIds, toType) {
      check(PortalId, portalId, 'portalId');
      check(RecordTypeSchema, fromType, 'fromType');
      check(RecordTypeSchema, toType, 'toType');
      checkEach(Id, fromIds, 'fromIds');
      return await guard(`association read ${fromType}→${toType}`, portalId, async () => {
        // Keyed by pair; a pair stored in the asked direction wins over its reverse, whose
        // type ids describe the other direction (deal_to_contact 3 vs contact_to_deal 4).
        const byPair = new Map<string, AssociationPair>();
        const reverse = new Map<string, AssociationPair>();
        // Rows whose `side` end is one of `ids`, read as pairs seen from that end.
        const read = async (
          ids: string[],
          side: 'from' | 'to',
          into: Map<string, AssociationPair>,
        ): Promise<void> => {
          const [near, far] = side === 'from' ? [fromType, toType] : [toType, fromType];
          const rows = await db
            .selectFrom('associations')
            .select(['from_id', 'to_id', 'type_ids'])
            .where('portal_id', '=', portalId)
            .where('from_type', '=', near)
            .where('to_type', '=', far)
            .where(side === 'from' ? 'from_id' : 'to_id', 'in', ids)
            .execute();
          for (const r of rows) {
            const [a, b] = side === 'from' ? [r.from_id, r.to_id] : [r.to_id, r.from_id];
            into.set(`${a}\u0000${b}`, {
              fromId: a,
              toId: b,
              typeIds: ctx.readJson(r.type_ids) as number[],
            });
          }
        };
        for (const part of chunks([...new Set(fromIds)], IN_CHUNK)) {
          await read(part, 'from', byPair);
          await read(part, 'to', reverse);
        }
        for (const [key, pair] of reverse) if (!byPair.has(key)) byPair.set(key, pair);
        return [...byPair.values()].sort(
          (a, b) => compareIds(a.fromId, b.fromId) || compareIds(a.toId, b.toId),
        );
      });
    },
  };
}
