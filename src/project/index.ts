// The HubSpot project's identity (app name, uid, URLs) across its files, for `configure`.

export * from './identity.js';
export * from './input.js';
