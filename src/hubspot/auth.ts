// Where the access token comes from. A private (static) app has one fixed token; an OAuth install
// has a 30-minute access token renewed from a refresh token (oauth.ts). The client asks `token()`
// before each attempt and `refresh()` once when HubSpot answers 401 EXPIRED_AUTHENTICATION.

import { HubSpotError } from './api.js';

export interface TokenProvider {
  /** A token to send now (may refresh first when the current one is about to expire). */
  token(): Promise<string>;
  /** A new token after HubSpot rejected the current one as expired; concurrent callers share one. */
  refresh(): Promise<string>;
}

/** A private-app token: it never expires, so HubSpot rejecting it means the user must reconnect. */
export function staticToken(accessToken: string): TokenProvider {
  if (accessToken.trim() === '') throw new Error('accessToken: must not be empty');
  return {
    token: () => Promise.resolve(accessToken),
    refresh: () =>
      Promise.reject(
        new HubSpotError('needs_reconnect', 'the private-app token was rejected as expired', {}),
      ),
  };
}
