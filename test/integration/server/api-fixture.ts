// The /api/v1 router in a bare express app, for route tests. A stand-in for the signature
// middleware puts the "signed" portal id in res.locals.portalId from a test header (the real
// middleware is tested with app.ts); routes must use only that id, whatever the query says.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createApiRouter } from '../../../src/server/routes/api.js';
import {
  createAttributionService,
  type AttributionService,
} from '../../../src/services/attribute.js';
import { createChannelPreviewService } from '../../../src/services/channel-preview.js';
import { createEvaluationReadService } from '../../../src/services/evaluation-read.js';
import { createSettingsService, type SettingsService } from '../../../src/services/settings.js';
import { createStatusService } from '../../../src/services/status.js';
import type { Store } from '../../../src/store/index.js';
import { NOW } from '../services/fixture.js';

export const SIGNED_PORTAL_HEADER = 'x-test-signed-portal';

export interface MountedApi {
  readonly base: string;
  readonly attribution: AttributionService;
  readonly settings: SettingsService;
  close(): Promise<void>;
}

export async function mountApi(
  store: Store,
  hooks: {
    onSettingsChanged?: (portalId: number) => void;
    onRecompute?: (portalId: number) => void;
  } = {},
): Promise<MountedApi> {
  const settings = createSettingsService({
    store,
    ...(hooks.onSettingsChanged === undefined ? {} : { onChanged: hooks.onSettingsChanged }),
  });
  const attribution = createAttributionService({ store, settings, now: () => NOW });
  const api = createApiRouter({
    settings,
    attribution,
    status: createStatusService({ store, settings, lastCycle: () => null }),
    channelPreview: createChannelPreviewService({ store, settings }),
    evaluation: createEvaluationReadService({ store }),
    requestRecompute: (portalId) => {
      hooks.onRecompute?.(portalId);
    },
  });
  const app = express();
  app.use(express.json());
  app.use(
    '/api/v1',
    (req, res, next) => {
      res.locals['portalId'] = Number(req.get(SIGNED_PORTAL_HEADER));
      next();
    },
    api,
  );
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => {
      resolve(s);
    });
  });
  return {
    base: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/api/v1`,
    attribution,
    settings,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
