// The HTTP server's surface: the express app over the use-cases, listening, structured logs and
// graceful shutdown.

export { assembleApp, createServer, listen, type AppParts, type ServerDeps } from './app.js';
export { createLogger, type Logger, type LogLevel } from './logger.js';
export {
  createShutdown,
  type Shutdown,
  type ShutdownHook,
  type ShutdownOptions,
} from './shutdown.js';
export type { ApiDeps } from './routes/api.js';
export {
  SELF_PROPERTY_PREFIX,
  type ChangeHint,
  type ChangeKind,
  type EnqueueChanges,
} from './routes/webhooks.js';
