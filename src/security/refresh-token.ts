// OAuth refresh tokens at rest: sealed with TOKEN_ENCRYPTION_KEY (AES-256-GCM, crypto.ts) and
// bound to their portal, so a row copied to another portal's key fails to open.

import type { Result } from '../kernel/index.js';
import { open, seal, type OpenFailure } from './crypto.js';

const context = (portalId: number) => `hubspot-refresh-token:portal:${portalId}`;

export const sealRefreshToken = (key: Buffer, portalId: number, refreshToken: string): string =>
  seal(key, refreshToken, context(portalId));

export const openRefreshToken = (
  key: Buffer,
  portalId: number,
  sealed: string,
): Result<string, OpenFailure> => open(key, sealed, context(portalId));
