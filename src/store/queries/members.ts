// What the stored journeys add up to (migration 0005): the contacts and companies each reaches
// (influence, and the deals a changed contact or company affects) and the path counts the
// data-driven models learn from, one GROUP BY over the journeys' path columns.

import { guard } from '../errors.js';
import { compareIds } from '../../kernel/index.js';
import type { Store } from '../store.js';
import { check, checkEach, Id, PortalId } from '../validate.js';
import { chunks, IN_CHUNK, type QueryContext } from './context.js';
import { z } from 'zod';

type MemberMethods = Pick<Store, 'journeyMembers' | 'dealsReaching' | 'pathCounts'>;

const MemberType = z.enum(['contacts', 'companies']);

export function memberQueries(ctx: QueryContext): MemberMethods {
  const { db } = ctx;
  return {
    async journeyMembers(portalId, dealIds) {
      check(PortalId, portalId, 'portalId');
      checkEach(Id, dealIds, 'dealIds');
      return await guard('journey member read', portalId, async () => {
        const out = new Map<string, { contacts: string[]; companies: string[] }>();
        for (const part of chunks([...new Set(dealIds)], IN_CHUNK)) {
          const rows = await db
            .selectFrom('journey_members')
            .select(['deal_id', 'object_type', 'object_id'])
            .where('portal_id', '=', portalId)
            .where('deal_id', 'in', part)
            .execute();
          for (const r of rows) {
            let m = out.get(r.deal_id);
            if (m === undefined) out.set(r.deal_id, (m = { contacts: [], companies: [] }));
            if (r.object_type === 'contacts') m.contacts.push(r.object_id);
            else m.companies.push(r.object_id);
          }
        }
        for (const m of out.values()) {
          m.contacts.sort(compareIds);
          m.companies.sort(compareIds);
        }
        return out;
      });
    },

    async dealsReaching(portalId, objectType, objectIds) {
      check(PortalId, portalId, 'portalId');
      check(MemberType, objectType, 'objectType');
      checkEach(Id, objectIds, 'objectIds');
      return await guard('journey member lookup', portalId, async () => {
        const out = new Set<string>();
        for (const part of chunks([...new Set(objectIds)], IN_CHUNK)) {
          const rows = await db
            .selectFrom('journey_members')
            .select('deal_id')
            .distinct()
            .where('portal_id', '=', portalId)
            .where('object_type', '=', objectType)
            .where('object_id', 'in', part)
            .execute();
          for (const r of rows) out.add(r.deal_id);
        }
        return [...out].sort(compareIds);
      });
    },

    async pathCounts(portalId) {
      check(PortalId, portalId, 'portalId');
      return await guard('path counts', portalId, async () => {
        const rows = await db
          .selectFrom('deal_journeys')
          .select((eb) => [
            'path',
            eb.fn
              .sum<number | string>(eb.case().when('outcome', '=', 'won').then(1).else(0).end())
              .as('conversions'),
            eb.fn
              .sum<number | string>(eb.case().when('outcome', '=', 'lost').then(1).else(0).end())
              .as('nulls'),
            eb.fn.sum<number | string | null>('value').as('value'),
          ])
          .where('portal_id', '=', portalId)
          .where('outcome', 'in', ['won', 'lost'])
          .where('path', 'is not', null)
          .groupBy('path')
          .orderBy('path')
          .execute();
        return rows.map((r) => ({
          channels: r.path ?? '',
          conversions: Number(r.conversions),
          nulls: Number(r.nulls),
          value: Number(r.value ?? 0),
        }));
      });
    },
  };
}
