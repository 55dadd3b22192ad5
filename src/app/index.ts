// The composition root: builds the store, the HubSpot connections, the services and the
// use-cases from the configuration (compose.ts), and the running app of `start` (runtime.ts).

export { composeApp, type ComposedApp, type ComposeOptions } from './compose.js';
export { appServer, type AppServerOptions } from './http.js';
export { connectPortal, type ConnectOptions } from './connect.js';
export { manifestScopes } from './oauth.js';
export { createRuntime, type Role, type Runtime, type RuntimeOptions } from './runtime.js';
