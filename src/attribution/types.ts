// Domain types of the attribution engine (ATTRIBUTION.md §1). Pure data: no I/O, no HubSpot types.
// The vocabulary it shares with the rest of the app (touch kinds, teams, deal stages, roles) is the
// domain's.

import type { DealStage, Role, Team, TouchKind, UnattributedReason } from '../domain/index.js';

/** Where a touch came from, as HubSpot reported it (for explanations and channel rules). */
export interface SourceDetails {
  readonly source?: string;
  readonly medium?: string;
  readonly detail1?: string;
  readonly detail2?: string;
  readonly url?: string;
}

export interface Touchpoint {
  /** Unique within a portal. */
  readonly id: string;
  /** Integer ms since epoch, UTC. */
  readonly occurredAt: number;
  /** ≥ 1 contact; one touch reached through two contacts stays one touch. */
  readonly contactIds: readonly string[];
  readonly companyIds?: readonly string[];
  readonly kind: TouchKind;
  /** Non-empty, no `>`: the reporting dimension. */
  readonly channel: string;
  readonly team: Team;
  /** Contacts this touch created (e.g. the form submission that created the contact). */
  readonly createdContactIds?: readonly string[];
  readonly source?: SourceDetails;
  readonly campaign?: string;
  /** A short human label ("Webinar: Pricing 101", "Call with Ana"). */
  readonly title?: string;
}

export interface Contact {
  readonly id: string;
  /** Integer ms since epoch, UTC. */
  readonly createdAt: number;
  readonly name?: string;
  /** Buying-group role (e.g. decision_maker); used for optional role weights. */
  readonly role?: string;
  readonly companyIds?: readonly string[];
}

export interface Money {
  /** Integer minor units (cents for USD, yen for JPY). |cents| ≤ 2^53 − 1. */
  readonly cents: number;
  /** ISO 4217 code, upper case. */
  readonly currency: string;
}

export interface Deal {
  readonly id: string;
  readonly amount: Money;
  readonly createdAt: number;
  /** Close date (won/lost); undefined for open deals. */
  readonly closedAt?: number;
  readonly stage: DealStage;
  readonly contactIds: readonly string[];
  readonly companyIds: readonly string[];
  readonly name?: string;
}

export type Milestones = Readonly<Partial<Record<Role, number>>>;

export interface JourneyOptions {
  /** Integer 1–730, default 365. Window starts at deal.createdAt − lookbackDays. */
  readonly lookbackDays: number;
  /** Include every contact of the deal's companies, not only the deal's contacts. */
  readonly accountScope: boolean;
  /** Touch kinds that count; undefined = all. */
  readonly touchKinds?: readonly TouchKind[];
  /** Teams that count; undefined = both. */
  readonly teams?: readonly Team[];
  /** Collapse repeats of one contact + channel within this many ms (0 = off). */
  readonly dedupeWindowMs: number;
  /** Channels treated as direct for last_non_direct (case-insensitive). */
  readonly directChannels: readonly string[];
  /** Silence on the account (ms) after which a touch is flagged as reactivation. */
  readonly reactivationSilenceMs: number;
  /** open deals: drop the CW bucket (renormalise) or give t_n a PENDING CW. */
  readonly openDealClosing: 'renormalise' | 'pending';
}

export interface Journey {
  readonly deal: Deal;
  /** Ordered by occurredAt, then id (code-unit order). */
  readonly touches: readonly Touchpoint[];
  /** Journey end T: closedAt for won/lost, `now` for open deals. */
  readonly end: number;
  /** Window start (inclusive). */
  readonly start: number;
  /** Index into `touches` of each role holder. */
  readonly milestones: Milestones;
  /** True when CW is held by t_n of an open deal under `pending`. */
  readonly pendingClose: boolean;
  /** The buying group's contacts (sorted by id). */
  readonly contacts: readonly Contact[];
  /** Indices of touches that revived an account after the configured silence. */
  readonly reactivations: readonly number[];
  /** Touch ids dropped by de-duplication, each with the id of the touch it was merged into. */
  readonly deduplicated: readonly { readonly id: string; readonly into: string }[];
}

/** One touch's share of a deal. */
export interface Credit {
  readonly touchId: string;
  /** Index in the journey. */
  readonly index: number;
  readonly fraction: number;
  readonly cents: number;
  readonly roles: readonly Role[];
  /** One line a rep understands: "30% — lead creation touch". */
  readonly reason: string;
}

export type DealAttribution =
  | {
      readonly status: 'attributed';
      readonly dealId: string;
      readonly model: string;
      readonly amount: Money;
      readonly credits: readonly Credit[];
      readonly unattributedCents: 0;
      /** Set when a data-driven model fell back to linear for this deal. */
      readonly fallback?: 'linear';
    }
  | {
      readonly status: 'unattributed';
      readonly dealId: string;
      readonly model: string;
      readonly amount: Money;
      readonly reason: UnattributedReason;
      readonly credits: readonly [];
      readonly unattributedCents: number;
    };
