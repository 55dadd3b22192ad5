// The card and settings API, mounted by app.ts at /api/v1 behind the HubSpot signature check.
// Every route reads the portal only from res.locals.portalId (the signed one), never from the
// query, so no request can read or change another portal's data. One file per endpoint.

import { Router } from 'express';
import type { AttributionService } from '../../services/attribute.js';
import type { ChannelPreviewService } from '../../services/channel-preview.js';
import type { EvaluationReadService } from '../../services/evaluation-read.js';
import type { SettingsService } from '../../services/settings.js';
import type { StatusService } from '../../services/status.js';
import { dealAttributionRoutes } from './attribution.js';
import { channelPreviewRoutes } from './channel-preview.js';
import { evaluationRoutes } from './evaluation.js';
import { recomputeRoutes } from './recompute.js';
import { settingsRoutes } from './settings.js';
import { statusRoutes } from './status.js';

export interface ApiDeps {
  readonly attribution: AttributionService;
  /** Its `onChanged` hook (wired by the jobs layer) triggers recompute and write-back on save. */
  readonly settings: SettingsService;
  readonly status: StatusService;
  /** The channel rules editor's preview on the portal's recent touches. */
  readonly channelPreview: ChannelPreviewService;
  /** The portal's latest stored model evaluation (read only: workers compute it). */
  readonly evaluation: EvaluationReadService;
  /** Enqueue a recompute (then write-back) of the portal; resolves once queued. */
  readonly requestRecompute: (portalId: number) => Promise<void> | void;
}

export function createApiRouter(deps: ApiDeps): Router {
  const r = Router();
  r.use((_req, res, next) => {
    // Answers are per portal and per moment: no proxy or browser may reuse them.
    res.set('Cache-Control', 'no-store');
    next();
  });
  r.use(dealAttributionRoutes(deps));
  r.use(settingsRoutes(deps));
  r.use(statusRoutes(deps));
  r.use(recomputeRoutes(deps));
  r.use(channelPreviewRoutes(deps));
  r.use(evaluationRoutes(deps));
  return r;
}
