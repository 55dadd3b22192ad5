// Kysely table types, shared by both dialects. Timestamps are integer ms (BIGINT), booleans 0/1
// integers, JSON columns TEXT on SQLite and JSONB on PostgreSQL: written as JSON text by both,
// read back as `unknown` and decoded by the dialect's `readJson` (queries/dialect.ts).

import type { ColumnType } from 'kysely';

/** Written as JSON text; read as a string (SQLite) or an already parsed value (PostgreSQL). */
export type JsonColumn = ColumnType<unknown, string, string>;

export interface PortalsTable {
  portal_id: number;
  name: string;
  time_zone: string;
  currency: string;
  tier: string;
  app_type: string;
  created_at: number;
  updated_at: number;
}

export interface RecordsTable {
  portal_id: number;
  object_type: string;
  id: string;
  /** Numeric order for numeric ids (ids.ts). */
  sort_key: string;
  properties: JsonColumn;
  history: JsonColumn;
  archived: number;
  archived_at: number | null;
  created_at: number | null;
  updated_at: number;
  content_hash: string;
  synced_at: number;
}

export interface MergesTable {
  portal_id: number;
  object_type: string;
  from_id: string;
  into_id: string;
  merged_at: number;
}

export interface AssociationsTable {
  portal_id: number;
  from_type: string;
  from_id: string;
  to_type: string;
  to_id: string;
  type_ids: JsonColumn;
}

export interface TouchpointsTable {
  portal_id: number;
  id: string;
  occurred_at: number;
  contact_ids: JsonColumn;
  company_ids: JsonColumn | null;
  kind: string;
  channel: string;
  team: string;
  created_contact_ids: JsonColumn | null;
  source: JsonColumn | null;
  campaign: string | null;
  title: string | null;
  origin_type: string;
  origin_id: string;
}

/** One row per (touch, contact): the index behind touchpointsForContacts. */
export interface TouchpointContactsTable {
  portal_id: number;
  contact_id: string;
  touchpoint_id: string;
}

export interface SyncCheckpointsTable {
  portal_id: number;
  stream: string;
  version: number;
  cursor: JsonColumn;
  phase: string;
  last_full_sync_at: number | null;
  updated_at: number;
}

export interface StreamStatusTable {
  portal_id: number;
  stream: string;
  records: number;
  api_calls: number;
  last_error_kind: string | null;
  last_error_message: string | null;
  last_error_at: number | null;
  last_run_at: number | null;
}

export interface AttributionResultsTable {
  portal_id: number;
  deal_id: string;
  deal_sort_key: string;
  model: string;
  model_version: number;
  settings_version: number;
  computed_at: number;
  result: JsonColumn;
  hash: string;
}

export interface DealJourneysTable {
  portal_id: number;
  deal_id: string;
  deal_sort_key: string;
  settings_version: number;
  computed_at: number;
  journey: JsonColumn;
  hash: string;
  /** Migration 0005: the journey's channels joined by " > " (null: stored before 0005). */
  path: string | null;
  outcome: string | null;
  value: number | null;
}

/** Migration 0005: the contacts and companies a stored journey reaches. */
export interface JourneyMembersTable {
  portal_id: number;
  deal_id: string;
  object_type: string;
  object_id: string;
}

/** Migration 0005: the card's answer per deal and shown model (its JSON text). */
export interface DealViewsTable {
  portal_id: number;
  deal_id: string;
  model: string;
  settings_version: number;
  computed_at: number;
  body: string;
  hash: string;
}

/** Migration 0005: a data-driven model's learned channel weights per portal. */
export interface LearnedModelsTable {
  portal_id: number;
  model: string;
  settings_version: number;
  computed_at: number;
  learned: JsonColumn;
}

/** Migration 0005: what the last recompute of a portal covered. */
export interface RecomputeStateTable {
  portal_id: number;
  settings_version: number;
  synced_through: number;
  full_at: number;
  updated_at: number;
}

/** Migration 0005: webhook hints waiting for their targeted refresh, one per record. */
export interface ChangeHintsTable {
  portal_id: number;
  object_type: string;
  object_id: string;
  kind: string;
  occurred_at: number;
  merged_ids: JsonColumn | null;
  received_at: number;
}

export interface WritebackStateTable {
  portal_id: number;
  object_type: string;
  object_id: string;
  hash: string;
  written_values: JsonColumn;
  written_at: number;
}

export interface SettingsTable {
  portal_id: number;
  version: number;
  settings: JsonColumn;
  created_at: number;
}

export interface WebhookEventsTable {
  portal_id: number;
  event_id: string;
  received_at: number;
}

export interface OAuthTokensTable {
  portal_id: number;
  encrypted_refresh_token: string;
  access_token_expires_at: number | null;
  scopes: JsonColumn;
  updated_at: number;
}

/** The latest evaluation per portal (migration 0003). */
export interface EvaluationsTable {
  portal_id: number;
  computed_at: number;
  settings_version: number;
  evaluation: JsonColumn;
  /** When the store wrote the row (its clock), for operators. */
  saved_at: number;
}

export interface Database {
  portals: PortalsTable;
  records: RecordsTable;
  merges: MergesTable;
  associations: AssociationsTable;
  touchpoints: TouchpointsTable;
  touchpoint_contacts: TouchpointContactsTable;
  sync_checkpoints: SyncCheckpointsTable;
  stream_status: StreamStatusTable;
  attribution_results: AttributionResultsTable;
  deal_journeys: DealJourneysTable;
  journey_members: JourneyMembersTable;
  deal_views: DealViewsTable;
  learned_models: LearnedModelsTable;
  recompute_state: RecomputeStateTable;
  change_hints: ChangeHintsTable;
  writeback_state: WritebackStateTable;
  settings: SettingsTable;
  webhook_events: WebhookEventsTable;
  oauth_tokens: OAuthTokensTable;
  evaluations: EvaluationsTable;
}
