// Per-portal facts and small state: the portal row, versioned settings, webhook de-duplication
// and the (already encrypted) OAuth token.

import { err, ok } from '../../kernel/index.js';
import { guard } from '../errors.js';
import type { JsonValue, Portal, SettingsVersion, Store } from '../store.js';
import {
  check,
  checkEach,
  Ms,
  OAuthTokenInputSchema,
  PortalId,
  PortalInputSchema,
  SettingsSchema,
} from '../validate.js';
import { chunks, INSERT_CHUNK, type QueryContext } from './context.js';
import { z } from 'zod';

type PortalDataMethods = Pick<
  Store,
  | 'upsertPortal'
  | 'getPortal'
  | 'listPortalIds'
  | 'saveSettings'
  | 'currentSettings'
  | 'settingsVersion'
  | 'markWebhookEvents'
  | 'pruneWebhookEvents'
  | 'saveOAuthToken'
  | 'getOAuthToken'
>;

const EventId = z.union([z.string().min(1).max(200), z.number().int().min(0)]);
const Version = z.number().int().min(0);

export function portalDataQueries(ctx: QueryContext): PortalDataMethods {
  const { db } = ctx;

  const getPortal = async (portalId: number): Promise<Portal | undefined> => {
    const r = await db
      .selectFrom('portals')
      .selectAll()
      .where('portal_id', '=', portalId)
      .executeTakeFirst();
    return r === undefined
      ? undefined
      : {
          portalId: r.portal_id,
          name: r.name,
          timeZone: r.time_zone,
          currency: r.currency,
          tier: r.tier as Portal['tier'],
          appType: r.app_type as Portal['appType'],
          createdAt: r.created_at,
          updatedAt: r.updated_at,
        };
  };

  const settingsWhere = async (portalId: number, version?: number) => {
    let q = db.selectFrom('settings').selectAll().where('portal_id', '=', portalId);
    if (version !== undefined) q = q.where('version', '=', version);
    const r = await q.orderBy('version', 'desc').limit(1).executeTakeFirst();
    return r === undefined
      ? undefined
      : ({
          version: r.version,
          settings: ctx.readJson(r.settings) as Record<string, JsonValue>,
          createdAt: r.created_at,
        } satisfies SettingsVersion);
  };

  return {
    async upsertPortal(portalId, portal) {
      check(PortalId, portalId, 'portalId');
      const p = check(PortalInputSchema, portal, 'portal');
      const at = ctx.now();
      const row = {
        name: p.name,
        time_zone: p.timeZone,
        currency: p.currency,
        tier: p.tier,
        app_type: p.appType,
        updated_at: at,
      };
      return await guard('portal save', portalId, async () => {
        await db
          .insertInto('portals')
          .values({ portal_id: portalId, ...row, created_at: at })
          .onConflict((oc) => oc.column('portal_id').doUpdateSet(row))
          .execute();
        const saved = await getPortal(portalId);
        if (saved === undefined) throw new Error('portal row missing right after its upsert');
        return saved;
      });
    },

    async getPortal(portalId) {
      check(PortalId, portalId, 'portalId');
      return await guard('portal read', portalId, () => getPortal(portalId));
    },

    async listPortalIds() {
      return await guard('portal list', 0, async () => {
        const rows = await db
          .selectFrom('portals')
          .select('portal_id')
          .orderBy('portal_id')
          .execute();
        return rows.map((r) => r.portal_id);
      });
    },

    async saveSettings(portalId, settings, expectedVersion) {
      check(PortalId, portalId, 'portalId');
      check(SettingsSchema, settings, 'settings');
      check(Version, expectedVersion, 'expectedVersion');
      const created = await guard('settings save', portalId, () =>
        db.transaction().execute(async (trx) => {
          const latest = await trx
            .selectFrom('settings')
            .select('version')
            .where('portal_id', '=', portalId)
            .orderBy('version', 'desc')
            .limit(1)
            .executeTakeFirst();
          if ((latest?.version ?? 0) !== expectedVersion) return undefined;
          const row = {
            portal_id: portalId,
            version: expectedVersion + 1,
            settings: ctx.writeJson(settings),
            created_at: ctx.now(),
          };
          // A concurrent save of the same version loses here rather than failing the statement.
          const r = await trx
            .insertInto('settings')
            .values(row)
            .onConflict((oc) => oc.columns(['portal_id', 'version']).doNothing())
            .executeTakeFirst();
          if (Number(r.numInsertedOrUpdatedRows ?? 0n) !== 1) return undefined;
          return { version: row.version, settings, createdAt: row.created_at };
        }),
      );
      return created === undefined
        ? err(
            'settings_conflict',
            `settings of portal ${portalId} are past version ${expectedVersion}`,
          )
        : ok(created);
    },

    async currentSettings(portalId) {
      check(PortalId, portalId, 'portalId');
      return await guard('settings read', portalId, () => settingsWhere(portalId));
    },

    async settingsVersion(portalId, version) {
      check(PortalId, portalId, 'portalId');
      check(Version, version, 'version');
      return await guard('settings read', portalId, () => settingsWhere(portalId, version));
    },

    async markWebhookEvents(portalId, eventIds) {
      check(PortalId, portalId, 'portalId');
      checkEach(EventId, eventIds, 'eventIds');
      // Webhook ids are numbers on the wire; normalise once so "1001" and 1001 are one event.
      const ids = [...new Set(eventIds.map(String))];
      if (ids.length === 0) return [];
      return await guard('webhook de-duplication', portalId, () =>
        db.transaction().execute(async (trx) => {
          const fresh = new Set<string>();
          const at = ctx.now();
          for (const part of chunks(ids, INSERT_CHUNK)) {
            const rows = await trx
              .insertInto('webhook_events')
              .values(part.map((id) => ({ portal_id: portalId, event_id: id, received_at: at })))
              .onConflict((oc) => oc.columns(['portal_id', 'event_id']).doNothing())
              .returning('event_id')
              .execute();
            for (const r of rows) fresh.add(r.event_id);
          }
          return ids.filter((id) => fresh.has(id));
        }),
      );
    },

    async pruneWebhookEvents(portalId, receivedBefore) {
      check(PortalId, portalId, 'portalId');
      check(Ms, receivedBefore, 'receivedBefore');
      return await guard('webhook prune', portalId, async () => {
        const r = await db
          .deleteFrom('webhook_events')
          .where('portal_id', '=', portalId)
          .where('received_at', '<', receivedBefore)
          .executeTakeFirst();
        return Number(r.numDeletedRows);
      });
    },

    async saveOAuthToken(portalId, token) {
      check(PortalId, portalId, 'portalId');
      const t = check(OAuthTokenInputSchema, token, 'token');
      const row = {
        encrypted_refresh_token: t.encryptedRefreshToken,
        access_token_expires_at: t.accessTokenExpiresAt,
        scopes: ctx.writeJson(t.scopes),
        updated_at: ctx.now(),
      };
      await guard('oauth token save', portalId, () =>
        db
          .insertInto('oauth_tokens')
          .values({ portal_id: portalId, ...row })
          .onConflict((oc) => oc.column('portal_id').doUpdateSet(row))
          .execute(),
      );
    },

    async getOAuthToken(portalId) {
      check(PortalId, portalId, 'portalId');
      return await guard('oauth token read', portalId, async () => {
        const r = await db
          .selectFrom('oauth_tokens')
          .selectAll()
          .where('portal_id', '=', portalId)
          .executeTakeFirst();
        return r === undefined
          ? undefined
          : {
              encryptedRefreshToken: r.encrypted_refresh_token,
              accessTokenExpiresAt: r.access_token_expires_at,
              scopes: ctx.readJson(r.scopes) as string[],
              updatedAt: r.updated_at,
            };
      });
    },
  };
}
