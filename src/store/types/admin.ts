// Per-portal administration: settings versions, webhook de-duplication, OAuth tokens, the latest
// model evaluation.

import type { Result } from '../../kernel/index.js';
import type { JsonValue } from './records.js';

export interface SettingsVersion {
  readonly version: number;
  readonly settings: { readonly [key: string]: JsonValue };
  readonly createdAt: number;
}

export interface OAuthTokenRecord {
  /** Encrypted outside the store; stored verbatim (base64 text). */
  readonly encryptedRefreshToken: string;
  readonly accessTokenExpiresAt: number | null;
  readonly scopes: readonly string[];
  readonly updatedAt: number;
}
export type OAuthTokenInput = Omit<OAuthTokenRecord, 'updatedAt'>;

/** A portal's model evaluation (the shared evaluation schema) and what it was computed under. */
export interface EvaluationRecord {
  /** When the worker computed it (ms). */
  readonly computedAt: number;
  readonly settingsVersion: number;
  /** The evaluation document; saveEvaluation checks it against the shared evaluation schema. */
  readonly evaluation: JsonValue;
}

export interface AdminMethods {
  // Settings
  /** Appends version expectedVersion + 1; conflict when someone saved in between. */
  saveSettings(
    portalId: number,
    settings: { readonly [key: string]: JsonValue },
    expectedVersion: number,
  ): Promise<Result<SettingsVersion, 'settings_conflict'>>;
  currentSettings(portalId: number): Promise<SettingsVersion | undefined>;
  settingsVersion(portalId: number, version: number): Promise<SettingsVersion | undefined>;

  // Webhooks
  /** Records the ids; returns those not seen before (input order, duplicates collapsed). */
  markWebhookEvents(portalId: number, eventIds: readonly (string | number)[]): Promise<string[]>;
  pruneWebhookEvents(portalId: number, receivedBefore: number): Promise<number>;

  // Model evaluation (one per portal: the latest)
  /**
   * Replaces the portal's evaluation unless the stored one was computed later (a slow, older
   * computation never overwrites a newer one). Returns whether this one is now stored.
   */
  saveEvaluation(portalId: number, evaluation: EvaluationRecord): Promise<boolean>;
  latestEvaluation(portalId: number): Promise<EvaluationRecord | undefined>;

  // OAuth
  saveOAuthToken(portalId: number, token: OAuthTokenInput): Promise<void>;
  getOAuthToken(portalId: number): Promise<OAuthTokenRecord | undefined>;
}
