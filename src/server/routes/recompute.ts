// POST /recompute — the settings page's "Recompute now": queues the portal's recompute and
// write-back and answers 202 at once (the work runs in the jobs layer).

import { Router } from 'express';
import type { RecomputeBody } from '../../domain/index.js';
import type { ApiDeps } from './api.js';
import { portalIdOf } from '../middleware/signature.js';

export function recomputeRoutes(deps: Pick<ApiDeps, 'requestRecompute'>): Router {
  const r = Router();
  r.post('/recompute', async (_req, res) => {
    const portalId = portalIdOf(res);
    await deps.requestRecompute(portalId);
    const body: RecomputeBody = {
      status: 'accepted',
      portalId,
      message: 'Recompute queued; results and HubSpot properties update when it finishes.',
    };
    res.status(202).json(body);
  });
  return r;
}
