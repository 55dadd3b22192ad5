// The emulated HubSpot API as an express 5 app: one router per route family, each route behind
// the guards (auth → rate limit → scopes → faults), JSON errors in HubSpot's shape everywhere.

import express, { type NextFunction, type Request, type Response } from 'express';
import { accountRoutes } from './account.js';
import { associationRoutes } from './associations.js';
import { batchRoutes } from './batch.js';
import type { SandboxContext } from './context.js';
import type { Deps } from './deps.js';
import { badRequest, routeNotFound, sendError } from './errors.js';
import { marketingRoutes } from './marketing.js';
import { correlation } from './middleware/correlation.js';
import { createGuards } from './middleware/guard.js';
import { oauthRoutes } from './oauth.js';
import { objectRoutes } from './objects.js';
import { createIdOrder } from './ordered-ids.js';
import { pipelineRoutes } from './pipelines.js';
import { propertyRoutes } from './properties.js';
import { createPageCache } from './page-cache.js';
import { createRecordCache } from './record-cache.js';
import { sandboxRoutes } from './sandbox-routes.js';
import { searchRoutes } from './search.js';

export function createApp(ctx: SandboxContext, log: (line: string) => void): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const portal = ctx.config.portal;
  // Listeners added here (caches) are removed by startSandbox's close().
  const deps: Deps = {
    ctx,
    guards: createGuards(ctx),
    idOrder: createIdOrder(portal),
    records: createRecordCache(portal),
    pages: createPageCache(portal),
  };
  app.use(correlation(ctx));
  app.use(express.json({ limit: '10mb' }));
  app.use(oauthRoutes(ctx));
  app.use(sandboxRoutes(deps));
  app.use(searchRoutes(deps));
  app.use(batchRoutes(deps));
  app.use(objectRoutes(deps));
  app.use(associationRoutes(deps));
  app.use(propertyRoutes(deps));
  app.use(pipelineRoutes(deps));
  app.use(marketingRoutes(deps));
  app.use(accountRoutes(deps));
  app.use(routeNotFound);
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(err); // express closes the connection
      return;
    }
    const type = (err as { type?: unknown } | null)?.type;
    if (type === 'entity.parse.failed') {
      badRequest(res, `Invalid input JSON: ${(err as Error).message}`, 'body');
      return;
    }
    if (type === 'entity.too.large') {
      sendError(res, 413, 'VALIDATION_ERROR', 'Request body too large');
      return;
    }
    // A bug in the emulator: say so loudly, answer like HubSpot's 500.
    log(
      `sandbox: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    sendError(res, 500, 'INTERNAL_ERROR', 'internal error');
  });
  return app;
}
