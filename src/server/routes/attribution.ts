// GET /deals/:dealId/attribution?model= — the card's data for one deal of the signed portal.

import { Router } from 'express';
import { z } from 'zod';
import { errorBody, modelIdSchema } from '../../domain/index.js';
import type { ApiDeps } from './api.js';
import { portalIdOf } from '../middleware/signature.js';

/** HubSpot record ids are numeric strings. */
const DealId = z.string().regex(/^\d{1,20}$/, 'must be a HubSpot deal id (digits)');
/** Other query parameters (portalId, HubSpot's own) are left alone: only `model` is ours. */
const Model = modelIdSchema.optional();

export function dealAttributionRoutes(deps: Pick<ApiDeps, 'attribution'>): Router {
  const r = Router();
  r.get('/deals/:dealId/attribution', async (req, res) => {
    const portalId = portalIdOf(res);
    const errors = [];
    const dealId = DealId.safeParse(req.params.dealId);
    if (!dealId.success) errors.push({ field: 'dealId', message: dealId.error.issues[0]!.message });
    const model = Model.safeParse(req.query.model);
    if (!model.success) {
      const message = Array.isArray(req.query.model)
        ? 'must be given once'
        : model.error.issues[0]!.message;
      errors.push({ field: 'model', message });
    }
    if (!dealId.success || !model.success) {
      res.status(400).json(errorBody('invalid_request', 'Invalid request', errors));
      return;
    }
    const result = await deps.attribution.dealCard(portalId, dealId.data, model.data);
    if (!result.ok) {
      res.status(404).json(errorBody(result.error, result.message));
      return;
    }
    // The worker stored the answer's JSON: sent as stored.
    res.type('application/json').send(result.value.json);
  });
  return r;
}
