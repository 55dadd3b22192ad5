// POST /channel-rules/preview — the channel rules editor's preview: `{ channelRules }` (the rules
// being edited, validated by the domain's schema; 400 names each bad field) classified on the
// signed portal's recent touches next to the saved rules. Nothing is stored.

import { Router } from 'express';
import { channelPreviewRequestSchema, errorBody, fieldErrors } from '../../domain/index.js';
import type { ApiDeps } from './api.js';
import { portalIdOf } from '../middleware/signature.js';

export function channelPreviewRoutes(deps: Pick<ApiDeps, 'channelPreview'>): Router {
  const r = Router();
  r.post('/channel-rules/preview', async (req, res) => {
    const portalId = portalIdOf(res);
    // express.json leaves req.body undefined without a JSON content type: named as the body.
    const parsed = channelPreviewRequestSchema.safeParse(req.body ?? null);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      res
        .status(400)
        .json(
          errorBody(
            'invalid_request',
            `No preview: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
            errors,
          ),
        );
      return;
    }
    res.json(await deps.channelPreview.preview(portalId, parsed.data.channelRules));
  });
  return r;
}
