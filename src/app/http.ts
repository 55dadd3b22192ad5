// The HTTP server over a composed app: the card and settings API, webhooks and the install flow,
// each backed by the app's use-cases. The runtime and the server benchmark serve this app.

import type express from 'express';
import { createServer, type EnqueueChanges, type Logger } from '../server/index.js';
import type { ComposedApp } from './compose.js';

export interface AppServerOptions {
  readonly log: Logger;
  /** The key of HubSpot's request signatures (default HUBSPOT_CLIENT_SECRET). */
  readonly signingSecret?: string | undefined;
  /** A settings page's "recompute now" (default: nothing queued). */
  readonly requestRecompute?: (portalId: number) => void;
  /** Webhook change hints for the jobs layer (default: dropped; the next sync reads them). */
  readonly enqueueChanges?: EnqueueChanges;
}

export function appServer(app: ComposedApp, o: AppServerOptions): express.Express {
  const { usecases, config } = app;
  return createServer({
    portals: usecases.portals,
    log: o.log,
    signingSecret: o.signingSecret ?? config.HUBSPOT_CLIENT_SECRET,
    publicOrigin: config.PUBLIC_URL,
    oauth: app.oauth,
    api: {
      attribution: usecases.attribution,
      settings: usecases.settings,
      status: usecases.status,
      channelPreview: usecases.channelPreview,
      evaluation: usecases.evaluation,
      requestRecompute: (id) => o.requestRecompute?.(id),
    },
    enqueueChanges: o.enqueueChanges ?? (() => Promise.resolve()),
  });
}
