// Security helpers: sealed tokens (AES-256-GCM bound to the portal), derived keys and MACs, and
// whether a portal's HubSpot connection still works.

export { deriveKey, mac, open, seal, type OpenFailure } from './crypto.js';
export { openRefreshToken, sealRefreshToken } from './refresh-token.js';
export {
  CONNECTION_STREAM,
  markConnected,
  markNeedsReconnect,
  NEEDS_RECONNECT,
  needsReconnect,
} from './connection.js';
