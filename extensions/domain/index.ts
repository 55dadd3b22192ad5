// The domain vocabulary of Deal Attribution, one definition for the backend (through
// src/domain/index.ts), the attribution engine, the deal card and the settings page (as the
// package @deal-attribution/domain): models and their labels, touch kinds, channels, channel rules,
// position weights, settings, and the API's request and response bodies as zod schemas with the
// types inferred from them.
//
// Pure and small: it imports only zod (HubSpot bundles it into each extension), no Node built-in,
// nothing of src/. Split by topic; each file stays well under 300 lines.

export * from './models.js';
export * from './touches.js';
export * from './channels.js';
export * from './channel-rules.js';
export * from './weights.js';
export * from './writeback.js';
export * from './settings.js';
export * from './api/errors.js';
export * from './api/status.js';
export * from './api/deal-attribution.js';
export * from './api/settings.js';
export * from './api/channel-preview.js';
export * from './api/evaluation.js';
