// GET /evaluation — the signed portal's latest model evaluation (or why there is none yet). Read
// only: the worker computes and stores evaluations; this route never starts one.

import { Router } from 'express';
import type { ApiDeps } from './api.js';
import { portalIdOf } from '../middleware/signature.js';

export function evaluationRoutes(deps: Pick<ApiDeps, 'evaluation'>): Router {
  const r = Router();
  r.get('/evaluation', async (_req, res) => {
    res.json(await deps.evaluation.evaluation(portalIdOf(res)));
  });
  return r;
}
