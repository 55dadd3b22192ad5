// GET /status — sync health per stream, the last cycle, and how many deals are attributed.

import { Router } from 'express';
import type { ApiDeps } from './api.js';
import { portalIdOf } from '../middleware/signature.js';

export function statusRoutes(deps: Pick<ApiDeps, 'status'>): Router {
  const r = Router();
  r.get('/status', async (_req, res) => {
    res.json(await deps.status.status(portalIdOf(res)));
  });
  return r;
}
