// The card and settings API, mounted by app.ts at /api/v1 behind the HubSpot signature check.
// Every route reads the portal only from res.locals.portalId (the signed one), never from the
// query, so no request can read or change another portal's data. One file per endpoint.

import { Router } from 'express';
import type { UseCases } from '../../usecases/index.js';
import { dealAttributionRoutes } from './attribution.js';
import { channelPreviewRoutes } from './channel-preview.js';
import { evaluationRoutes } from './evaluation.js';
import { recomputeRoutes } from './recompute.js';
import { settingsRoutes } from './settings.js';
import { statusRoutes } from './status.js';

/** The use-cases the card and the settings page reach (a save triggers recompute + write-back). */
export interface ApiDeps extends Pick<
  UseCases,
  'attribution' | 'settings' | 'status' | 'channelPreview' | 'evaluation'
> {
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
