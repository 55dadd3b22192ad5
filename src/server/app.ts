// The backend's express 5 app: health probes, HubSpot's webhooks, the OAuth install flow and the
// card/settings API under /api/v1, which only signed HubSpot requests reach. Routes get the
// use-cases from `deps`; only the composition root (src/app/) picks implementations.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Router } from 'express';
import type { OAuthInstall, Portals } from '../usecases/index.js';
import type { Logger } from './logger.js';
import { errorHandler, notFound } from './middleware/errors.js';
import { jsonWithRawBody } from './middleware/raw-body.js';
import { requestContext } from './middleware/request-context.js';
import { signedPortalId, verifySignature } from './middleware/signature.js';
import { createApiRouter, type ApiDeps } from './routes/api.js';
import { healthRoutes } from './routes/health.js';
import { oauthRoutes } from './routes/oauth.js';
import { webhookRoutes, type EnqueueChanges } from './routes/webhooks.js';

/** The app's parts with the API as a ready router (tests mount a router of their own). */
export interface AppParts {
  /** Readiness and webhook de-duplication. */
  readonly portals: Pick<Portals, 'ping' | 'markWebhookEvents'>;
  readonly log: Logger;
  /** The app's client secret: the key of HubSpot's request signatures (the sandbox's locally). */
  readonly signingSecret: string | undefined;
  /** PUBLIC_URL, for signature URLs when no X-Forwarded-* headers are present. */
  readonly publicOrigin?: string | undefined;
  /** Mounted at /api/v1 behind the signature check. */
  readonly api: Router;
  /** The jobs layer: coalesces change hints into targeted re-syncs. */
  readonly enqueueChanges: EnqueueChanges;
  /** Present in OAuth mode: the install flow. */
  readonly oauth?: OAuthInstall | undefined;
  /** Readiness turns 503 once this says so (the shutdown helper's flag). */
  readonly shuttingDown?: () => boolean;
  /** Clock for signature freshness (tests). */
  readonly now?: () => number;
}

export interface ServerDeps extends Omit<AppParts, 'api'> {
  /** The card and settings API's services (mounted at /api/v1 behind the signature check). */
  readonly api: ApiDeps;
}

/** The production app: the API router built from its services. */
export function createServer(deps: ServerDeps): express.Express {
  return assembleApp({ ...deps, api: createApiRouter(deps.api) });
}

export function assembleApp(deps: AppParts): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const signature = {
    secret: deps.signingSecret,
    publicOrigin: deps.publicOrigin,
    log: deps.log,
    ...(deps.now ? { now: deps.now } : {}),
  };
  app.use(requestContext(deps.log));
  app.use(jsonWithRawBody());
  app.use(
    healthRoutes({
      portals: deps.portals,
      shuttingDown: deps.shuttingDown ?? (() => false),
      log: deps.log,
    }),
  );
  app.use(
    webhookRoutes({
      portals: deps.portals,
      enqueueChanges: deps.enqueueChanges,
      signature,
      log: deps.log,
    }),
  );
  if (deps.oauth) app.use(oauthRoutes(deps.oauth, { log: deps.log }));
  app.use('/api/v1', verifySignature(signature), signedPortalId, deps.api);
  app.use(notFound);
  app.use(errorHandler(deps.log));
  return app;
}

/** Listens on `port` (0 = any free port) and resolves once bound. */
export async function listen(
  app: express.Express,
  port: number,
  host?: string,
): Promise<{ server: Server; url: string }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host ?? '0.0.0.0', (e?: Error) => {
      if (e) reject(e);
      else resolve(s);
    });
  });
  // Longer than common proxies' idle timeout, so they never reuse a socket we just closed.
  server.keepAliveTimeout = 65_000;
  const a = server.address() as AddressInfo;
  const shown = a.address === '0.0.0.0' || a.address === '::' ? 'localhost' : a.address;
  return { server, url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${a.port}` };
}
