// The read model a recompute stores and every reader uses (ADR 0008): per deal its journey (with
// its path summary and the contacts and companies it reaches), per deal and model its result and
// the card's view, per portal each data-driven model's learned weights; and the write-back ledger.

import type { DealAttribution } from '../../attribution/index.js';
import type { JsonValue } from './records.js';

/**
 * A deal's result under one model. As a recompute stores it, its credits' `reason` is empty: the
 * card's stored view (DealViewRecord) holds the reasons; the cents, roles and touches are here.
 */
export interface AttributionRecord {
  readonly dealId: string;
  readonly model: string;
  readonly modelVersion: number;
  readonly settingsVersion: number;
  readonly computedAt: number;
  readonly result: DealAttribution;
  readonly hash: string;
}

export type AttributionStamp = Pick<
  AttributionRecord,
  'dealId' | 'model' | 'hash' | 'settingsVersion' | 'computedAt'
>;

export type DealOutcome = 'won' | 'lost' | 'open';

/** What a journey contributes to the data-driven models' counts. */
export interface JourneyPath {
  /** The journey's channels in time order, joined by " > " ('' for a journey without touches). */
  readonly channels: string;
  readonly outcome: DealOutcome;
  /** A won deal's amount in major units (what path files call conversion value); else 0. */
  readonly value: number;
}

/** The contacts and companies a journey reaches (merges resolved). */
export interface JourneyMembers {
  readonly contacts: readonly string[];
  readonly companies: readonly string[];
}

/**
 * A deal's journey as the last recompute assembled it: the read model's deal half (the per-model
 * results are AttributionRecords). The document's shape belongs to src/read-model/, which checks
 * it on read; the store checks it is JSON.
 */
export interface DealJourneyRecord {
  readonly dealId: string;
  readonly settingsVersion: number;
  readonly computedAt: number;
  readonly journey: JsonValue;
  readonly hash: string;
  /** Null for a journey stored before paths were (the next full recompute adds it). */
  readonly path: JourneyPath | null;
}

export interface DealJourneyInput extends Omit<DealJourneyRecord, 'path'> {
  readonly path: JourneyPath;
  readonly members: JourneyMembers;
}

/** What a recompute needs to skip unchanged journeys: each stored one's hash. */
export type DealJourneyStamp = Pick<DealJourneyRecord, 'dealId' | 'hash' | 'computedAt'>;

export interface ListDealJourneysOptions {
  /** Keyset: deal ids after this one (store id order). */
  readonly afterDealId?: string;
  /** Only deal ids up to and including this one (store id order). */
  readonly throughDealId?: string;
  /** 1–5000, default 1000. */
  readonly limit?: number;
}

export interface ListAttributionsOptions {
  readonly model?: string;
  /** Keyset: deal ids after this one (store id order). */
  readonly afterDealId?: string;
  /** 1–5000, default 1000. */
  readonly limit?: number;
}

/** One distinct path of the portal's closed deals with its counts (ChannelAttribution's row). */
export interface PathCount {
  readonly channels: string;
  readonly conversions: number;
  readonly nulls: number;
  readonly value: number;
}

/** The card's answer for one deal under one model, as the worker built it. */
export interface DealViewRecord {
  readonly dealId: string;
  readonly model: string;
  readonly settingsVersion: number;
  readonly computedAt: number;
  /** The response body, as JSON text (served as stored). */
  readonly body: string;
  /** Identity of what the view was built from: an unchanged view is not rebuilt or rewritten. */
  readonly hash: string;
}

/** A data-driven model's learned weights, reused until the next scheduled learning. */
export interface LearnedModelRecord {
  readonly model: string;
  readonly settingsVersion: number;
  readonly computedAt: number;
  readonly learned: JsonValue;
}

export interface WritebackState {
  readonly objectId: string;
  readonly hash: string;
  readonly values: { readonly [name: string]: JsonValue };
  readonly writtenAt: number;
}

export interface ReadModelMethods {
  // Attribution results
  saveAttributions(portalId: number, results: readonly AttributionRecord[]): Promise<void>;
  attributionsForDeal(portalId: number, dealId: string): Promise<AttributionRecord[]>;
  /** Hash, settings version and time of these deals' results, keyed `${dealId}\u0000${model}`. */
  attributionStamps(
    portalId: number,
    dealIds: readonly string[],
  ): Promise<Map<string, AttributionStamp>>;
  /**
   * Deletes the results of models other than `keepResults` and the views of models other than
   * `keepViews` (models no longer shown, or a data-driven model that could not learn: its views
   * say why, it has no results). Returns the results deleted.
   */
  pruneModels(
    portalId: number,
    keepResults: readonly string[],
    keepViews: readonly string[],
  ): Promise<number>;
  /** These deals' results under one model, by deal id. */
  attributionsOf(
    portalId: number,
    model: string,
    dealIds: readonly string[],
  ): Promise<Map<string, AttributionRecord>>;
  listAttributions(
    portalId: number,
    options?: ListAttributionsOptions,
  ): Promise<AttributionRecord[]>;

  // Deal journeys
  /** Saves journeys with their paths and members (a deal's members are replaced). */
  saveDealJourneys(portalId: number, journeys: readonly DealJourneyInput[]): Promise<void>;
  /** The stored journeys of these deals, by deal id (unknown ids are absent). */
  dealJourneys(
    portalId: number,
    dealIds: readonly string[],
  ): Promise<Map<string, DealJourneyRecord>>;
  /** Journeys in deal id order (keyset pages). */
  listDealJourneys(
    portalId: number,
    options?: ListDealJourneysOptions,
  ): Promise<DealJourneyRecord[]>;
  /** Hash and time of journeys in deal id order (keyset pages), without the documents. */
  listDealJourneyStamps(
    portalId: number,
    options?: ListDealJourneysOptions,
  ): Promise<DealJourneyStamp[]>;
  /** Hash and time of these deals' stored journeys, by deal id. */
  journeyStamps(
    portalId: number,
    dealIds: readonly string[],
  ): Promise<Map<string, DealJourneyStamp>>;
  /** The stored members of these deals' journeys, by deal id. */
  journeyMembers(
    portalId: number,
    dealIds: readonly string[],
  ): Promise<Map<string, JourneyMembers>>;
  /** Deals whose stored journey reaches any of these contacts or companies (store id order). */
  dealsReaching(
    portalId: number,
    objectType: 'contacts' | 'companies',
    objectIds: readonly string[],
  ): Promise<string[]>;
  /** The distinct paths of the portal's won and lost deals with their counts. */
  pathCounts(portalId: number): Promise<PathCount[]>;
  /** Deletes the journeys, members, views and every model's results of these deals. */
  deleteDealResults(portalId: number, dealIds: readonly string[]): Promise<number>;

  // Card views
  saveDealViews(portalId: number, views: readonly DealViewRecord[]): Promise<void>;
  dealView(portalId: number, dealId: string, model: string): Promise<DealViewRecord | undefined>;
  /** Hash of each stored view of these deals, keyed `${dealId}\u0000${model}`. */
  dealViewHashes(portalId: number, dealIds: readonly string[]): Promise<Map<string, string>>;

  // Learned data-driven models
  saveLearnedModels(portalId: number, models: readonly LearnedModelRecord[]): Promise<void>;
  learnedModels(portalId: number): Promise<LearnedModelRecord[]>;

  // Write-back ledger
  writebackStates(
    portalId: number,
    objectType: 'deals' | 'contacts' | 'companies',
    objectIds: readonly string[],
  ): Promise<Map<string, WritebackState>>;
  saveWritebackStates(
    portalId: number,
    objectType: 'deals' | 'contacts' | 'companies',
    states: readonly WritebackState[],
  ): Promise<void>;
  /** Ids with a write-back state, in text order (keyset pages: `after` the last id). */
  listWrittenIds(
    portalId: number,
    objectType: 'deals' | 'contacts' | 'companies',
    options?: { readonly after?: string; readonly limit?: number },
  ): Promise<string[]>;
}
