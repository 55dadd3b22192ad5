// Derived touchpoints, replaced per origin record so re-deriving one record's touches is
// idempotent. touchpoint_contacts indexes each touch by contact (JSON arrays are not portably
// indexable) and is kept in step inside the same transaction.

import { sql, type Selectable } from 'kysely';
import { TOUCH_KINDS, type Team, type TouchKind } from '../../domain/index.js';
import type { SourceDetails } from '../../attribution/index.js';
import { guard, invalidInput } from '../errors.js';
import type { TouchpointsTable } from '../schema.js';
import { compareIds } from '../../kernel/index.js';
import type { Store, StoredTouchpoint } from '../store.js';
import { check, checkEach, checkUnique, Id, PortalId, TouchpointInputSchema } from '../validate.js';
import { chunks, IN_CHUNK, INSERT_CHUNK, type QueryContext } from './context.js';
import { z } from 'zod';

type TouchpointMethods = Pick<
  Store,
  'touchContactsOf' | 'replaceTouchpointsFor' | 'touchpointsForContacts' | 'recentTouchpoints'
>;

const OriginType = z.string().min(1).max(100);

const RecentOptions = z.strictObject({
  limit: z.number().int().min(1).max(5000),
  kinds: z.array(z.enum(TOUCH_KINDS)).min(1, 'list at least one kind').optional(),
});

export function touchpointQueries(ctx: QueryContext): TouchpointMethods {
  const { db } = ctx;

  const decode = (row: Selectable<TouchpointsTable>): StoredTouchpoint => {
    const optional = {
      ...(row.company_ids === null
        ? {}
        : { companyIds: ctx.readJson(row.company_ids) as string[] }),
      ...(row.created_contact_ids === null
        ? {}
        : { createdContactIds: ctx.readJson(row.created_contact_ids) as string[] }),
      ...(row.source === null ? {} : { source: ctx.readJson(row.source) as SourceDetails }),
      ...(row.campaign === null ? {} : { campaign: row.campaign }),
      ...(row.title === null ? {} : { title: row.title }),
    };
    return {
      id: row.id,
      occurredAt: row.occurred_at,
      contactIds: ctx.readJson(row.contact_ids) as string[],
      kind: row.kind as TouchKind,
      channel: row.channel,
      team: row.team as Team,
      ...optional,
      originType: row.origin_type,
      originId: row.origin_id,
    };
  };

  return {
    async touchContactsOf(portalId, originType, originIds) {
      check(PortalId, portalId, 'portalId');
      check(OriginType, originType, 'originType');
      checkEach(Id, originIds, 'originIds');
      return await guard(`touch contacts of ${originType}`, portalId, async () => {
        const out = new Set<string>();
        for (const part of chunks<string>([...new Set(originIds)], IN_CHUNK)) {
          const rows = await db
            .selectFrom('touchpoint_contacts')
            .innerJoin('touchpoints', (j) =>
              j
                .onRef('touchpoints.portal_id', '=', 'touchpoint_contacts.portal_id')
                .onRef('touchpoints.id', '=', 'touchpoint_contacts.touchpoint_id'),
            )
            .select('touchpoint_contacts.contact_id')
            .distinct()
            .where('touchpoints.portal_id', '=', portalId)
            .where('touchpoints.origin_type', '=', originType)
            .where('touchpoints.origin_id', 'in', part)
            .execute();
          for (const r of rows) out.add(r.contact_id);
        }
        return [...out].sort(compareIds);
      });
    },

    async replaceTouchpointsFor(portalId, originType, originIds, touchpoints) {
      check(PortalId, portalId, 'portalId');
      check(OriginType, originType, 'originType');
      checkEach(Id, originIds, 'originIds');
      checkEach(TouchpointInputSchema, touchpoints, 'touchpoints');
      checkUnique(
        touchpoints.map((t) => t.id),
        'touchpoints',
      );
      const origins = new Set(originIds);
      touchpoints.forEach((t, i) => {
        if (!origins.has(t.originId)) {
          throw invalidInput(`touchpoints[${i}].originId`, 'not among originIds');
        }
      });
      if (origins.size === 0) return;

      await guard(`touchpoint replace for ${originType}`, portalId, () =>
        db.transaction().execute(async (trx) => {
          // Old touches of these origins, plus any row already holding one of the new ids
          // (a touch id moving between origins stays unique per portal).
          const stale = new Set(touchpoints.map((t) => t.id));
          for (const part of chunks([...origins], IN_CHUNK)) {
            const rows = await trx
              .selectFrom('touchpoints')
              .select('id')
              .where('portal_id', '=', portalId)
              .where('origin_type', '=', originType)
              .where('origin_id', 'in', part)
              .execute();
            for (const r of rows) stale.add(r.id);
          }
          for (const part of chunks([...stale], IN_CHUNK)) {
            await trx
              .deleteFrom('touchpoint_contacts')
              .where('portal_id', '=', portalId)
              .where('touchpoint_id', 'in', part)
              .execute();
            await trx
              .deleteFrom('touchpoints')
              .where('portal_id', '=', portalId)
              .where('id', 'in', part)
              .execute();
          }
          for (const part of chunks(touchpoints, INSERT_CHUNK)) {
            if (part.length === 0) continue;
            await trx
              .insertInto('touchpoints')
              .values(
                part.map((t) => ({
                  portal_id: portalId,
                  id: t.id,
                  occurred_at: t.occurredAt,
                  contact_ids: ctx.writeJson(t.contactIds),
                  company_ids: t.companyIds === undefined ? null : ctx.writeJson(t.companyIds),
                  kind: t.kind,
                  channel: t.channel,
                  team: t.team,
                  created_contact_ids:
                    t.createdContactIds === undefined ? null : ctx.writeJson(t.createdContactIds),
                  source: t.source === undefined ? null : ctx.writeJson(t.source),
                  campaign: t.campaign ?? null,
                  title: t.title ?? null,
                  origin_type: originType,
                  origin_id: t.originId,
                })),
              )
              .execute();
            const links = part.flatMap((t) =>
              [...new Set(t.contactIds)].map((contactId) => ({
                portal_id: portalId,
                contact_id: contactId,
                touchpoint_id: t.id,
              })),
            );
            for (const linkPart of chunks(links, INSERT_CHUNK)) {
              await trx.insertInto('touchpoint_contacts').values(linkPart).execute();
            }
          }
        }),
      );
    },

    async touchpointsForContacts(portalId, contactIds) {
      check(PortalId, portalId, 'portalId');
      checkEach(Id, contactIds, 'contactIds');
      return await guard('touchpoint read', portalId, async () => {
        const byId = new Map<string, StoredTouchpoint>();
        for (const part of chunks([...new Set(contactIds)], IN_CHUNK)) {
          const rows = await db
            .selectFrom('touchpoints')
            .selectAll('touchpoints')
            .where('touchpoints.portal_id', '=', portalId)
            .where((eb) =>
              eb(
                'touchpoints.id',
                'in',
                eb
                  .selectFrom('touchpoint_contacts')
                  .select('touchpoint_id')
                  .where('touchpoint_contacts.portal_id', '=', portalId)
                  .where('contact_id', 'in', part),
              ),
            )
            .execute();
          for (const row of rows) byId.set(row.id, decode(row));
        }
        return [...byId.values()].sort(
          (a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        );
      });
    },

    async recentTouchpoints(portalId, options) {
      check(PortalId, portalId, 'portalId');
      const { limit, kinds } = check(RecentOptions, options, 'options');
      // Ties on the timestamp break by id in binary order, which PostgreSQL gives only under
      // COLLATE "C"; the result is then the same on both dialects.
      const id = ctx.dialect === 'postgres' ? sql`${sql.ref('id')} collate "C"` : sql.ref('id');
      return await guard('recent touchpoint read', portalId, async () => {
        let q = db.selectFrom('touchpoints').selectAll().where('portal_id', '=', portalId);
        if (kinds !== undefined) q = q.where('kind', 'in', [...new Set(kinds)]);
        const rows = await q
          .orderBy('occurred_at', 'desc')
          .orderBy(id, 'desc')
          .limit(limit)
          .execute();
        return rows.map(decode);
      });
    },
  };
}
