// OAuth (marketplace) mode: what the install routes need — the app's client settings, the scopes
// of the app's manifest, the encryption key — and what happens when a portal connects: its
// details are read from account-info and its first full sync is queued.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Config } from '../config.js';
import {
  accountInfo,
  createHubSpotApi,
  createRateBudget,
  limitsFor,
  staticToken,
} from '../hubspot/index.js';
import type { OAuthDeps } from '../usecases/index.js';

/** The scopes the app asks for: the manifest HubSpot installs from is the one source. */
const MANIFEST = new URL('../../extensions/app/app-hsmeta.json', import.meta.url);
const Manifest = z.object({
  config: z.object({
    auth: z.object({
      requiredScopes: z.array(z.string()),
      optionalScopes: z.array(z.string()).default([]),
    }),
  }),
});

export function manifestScopes(): { required: string[]; optional: string[] } {
  const m = Manifest.parse(JSON.parse(readFileSync(MANIFEST, 'utf8')));
  return { required: m.config.auth.requiredScopes, optional: m.config.auth.optionalScopes };
}

/** The install flow's dependencies, or undefined when OAuth is not configured. */
export function oauthDeps(
  config: Config,
  onConnected: (portalId: number) => void,
): OAuthDeps | undefined {
  const {
    HUBSPOT_CLIENT_ID: clientId,
    HUBSPOT_CLIENT_SECRET: clientSecret,
    HUBSPOT_REDIRECT_URI: redirectUri,
    TOKEN_ENCRYPTION_KEY: encryptionKey,
  } = config;
  if (config.mode !== 'oauth') return undefined;
  // loadConfig guarantees these in OAuth mode; the check keeps the types honest.
  if (!clientId || !clientSecret || !redirectUri || !encryptionKey) return undefined;
  const scopes = manifestScopes();
  return {
    clientId,
    clientSecret,
    redirectUri,
    authorizeBase: config.HUBSPOT_AUTHORIZE_BASE_URL,
    hubspotBaseUrl: config.HUBSPOT_BASE_URL,
    scopes: scopes.required,
    optionalScopes: scopes.optional,
    encryptionKey,
    async describePortal(accessToken) {
      const api = createHubSpotApi({
        baseUrl: config.HUBSPOT_BASE_URL,
        tokens: staticToken(accessToken),
        budget: createRateBudget({ limits: limitsFor('oauth', 'professional') }),
      });
      const account = await accountInfo(api);
      return {
        portalId: account.portalId,
        name: `Portal ${String(account.portalId)}`,
        timeZone: account.timeZone,
        currency: account.currency,
        // account-info does not say the tier; OAuth apps have one limit for every tier.
        tier: config.HUBSPOT_TIER ?? 'professional',
      };
    },
    onConnected: (portalId) => {
      onConnected(portalId);
      return Promise.resolve();
    },
  };
}
