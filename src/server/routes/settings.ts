// GET /settings and PUT /settings of the signed portal. PUT takes { expectedVersion, settings }
// (a full replacement; omitted fields take defaults): invalid → 400 naming each field inside
// `settings` (nothing stored), a save raced by another admin → 409.

import { Router } from 'express';
import { z } from 'zod';
import {
  channelLabel,
  DEFAULT_CHANNELS,
  errorBody,
  fieldErrors,
  MODELS,
  type ChannelInfo,
  type Settings,
  type SettingsBody,
} from '../../domain/index.js';
import type { VersionedSettings } from '../../usecases/index.js';
import type { ApiDeps } from './api.js';
import { portalIdOf } from '../middleware/signature.js';

const PutBody = z.strictObject({
  expectedVersion: z
    .number({ error: 'must be the version number from GET /settings' })
    .int('must be a whole number')
    .min(0, 'must be ≥ 0'),
  // Validated by the settings service with the contract schema, so errors name its fields.
  settings: z.unknown().refine((v) => v !== undefined, 'required'),
});

/** Built-in channels, then channels only the admin's rules produce. */
function channelsOf(settings: Settings): ChannelInfo[] {
  const out: ChannelInfo[] = DEFAULT_CHANNELS.map((c) => ({
    id: c.id,
    label: c.label,
    team: c.team,
  }));
  const known = new Set(out.map((c) => c.id));
  for (const id of [
    ...settings.channelRules.rules.map((r) => r.channel),
    settings.channelRules.fallback,
  ]) {
    if (known.has(id)) continue;
    known.add(id);
    out.push({ id, label: channelLabel(id), team: 'marketing' });
  }
  return out;
}

function body(portalId: number, v: VersionedSettings): SettingsBody {
  return {
    status: 'ok',
    portalId,
    version: v.version,
    updatedAt: v.updatedAt === null ? null : new Date(v.updatedAt).toISOString(),
    settings: v.settings,
    models: MODELS,
    channels: channelsOf(v.settings),
  };
}

export function settingsRoutes(deps: Pick<ApiDeps, 'settings'>): Router {
  const r = Router();
  r.get('/settings', async (_req, res) => {
    const portalId = portalIdOf(res);
    res.json(body(portalId, await deps.settings.get(portalId)));
  });
  r.put('/settings', async (req, res) => {
    const portalId = portalIdOf(res);
    const parsed = PutBody.safeParse(req.body);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      res
        .status(400)
        .json(errorBody('invalid_request', 'Settings not saved: invalid request', errors));
      return;
    }
    const { expectedVersion, settings } = parsed.data;
    const saved = await deps.settings.save(portalId, settings, expectedVersion);
    if (saved.ok) {
      res.json(body(portalId, saved.value));
    } else if (saved.error === 'invalid_settings') {
      res.status(400).json(errorBody('invalid_request', saved.message, saved.errors));
    } else {
      res.status(409).json(errorBody('settings_conflict', saved.message));
    }
  });
  return r;
}
