// The card's answer for one deal, built from its journey and attributions (pure). Every cent in it
// comes from the engine's allocation: per-touch credits sum to the amount, per-channel and
// per-contact totals are sums of those credits (a touch shared by two contacts is split between
// them by largest remainder), so each view adds up to the same amount.

import {
  channelLabel,
  modelInfo,
  ROLES,
  type ChannelShare,
  type ContactShare,
  type DealAttributionBody,
  type ModelComparison,
  type ModelId,
  type Role,
  type TouchpointCredit,
  type UnattributedInfo,
} from '../domain/index.js';
import {
  allocate,
  creditByChannel,
  dealStats,
  explainUnattributed,
  type ChannelSum,
  type DealAttribution,
  type Journey,
} from '../attribution/index.js';
import { compareIds } from '../store/index.js';
import type { StoredJourney } from '../read-model/index.js';
import type { LoadedDeal } from './deal-records.js';

/**
 * The version of what `dealView` builds from the same inputs. Stored views are keyed by their
 * inputs and this version (recompute/views.ts): bump it with any change to a view's content, or
 * stored views stay as they were until their deal changes. test/unit/services/deal-view.test.ts
 * pins a view's JSON to remind you.
 */
export const VIEW_VERSION = 1;

/** The LoadedDeal view of a stored journey (what the card's view needs of the deal). */
export function loadedOf(doc: StoredJourney): LoadedDeal {
  return {
    deal: doc.journey.deal,
    amountMissing: doc.amountMissing,
    stageLabel: doc.stageLabel,
    pipelineLabel: doc.pipelineLabel,
    ...(doc.homeCents === null ? {} : { homeCents: doc.homeCents }),
  };
}

/** A model's outcome for one deal: an attribution, or why the model has none. */
export type ModelOutcome =
  | { readonly ok: true; readonly attribution: DealAttribution }
  | { readonly ok: false; readonly message: string };

const iso = (ms: number): string => new Date(ms).toISOString();

function creditsByTouch(
  attribution: DealAttribution,
): Map<number, { fraction: number; cents: number }> {
  const out = new Map<number, { fraction: number; cents: number }>();
  for (const c of attribution.credits) out.set(c.index, { fraction: c.fraction, cents: c.cents });
  return out;
}

/** Credit per channel, largest first; channels of the journey without credit get 0. */
export function byChannel(journey: Journey, attribution: DealAttribution | null): ChannelShare[] {
  const credited =
    attribution === null
      ? new Map<string, ChannelSum>()
      : creditByChannel(attribution, (c) => journey.touches[c.index]!.channel);
  const totals = new Map<string, ChannelSum>();
  for (const t of journey.touches) {
    if (!totals.has(t.channel))
      totals.set(t.channel, credited.get(t.channel) ?? { cents: 0, fraction: 0 });
  }
  return [...totals]
    .map(([channel, t]) => ({ channel, label: channelLabel(channel), ...t }))
    .sort(
      (a, b) => b.cents - a.cents || b.fraction - a.fraction || (a.channel < b.channel ? -1 : 1),
    );
}

/** The touch's buying-group contacts, in id order. */
function groupContacts(journey: Journey): (contactIds: readonly string[]) => string[] {
  const group = new Set(journey.deal.contactIds);
  for (const c of journey.contacts) group.add(c.id);
  return (ids) => ids.filter((id) => group.has(id)).sort(compareIds);
}

function byContact(journey: Journey, attribution: DealAttribution): ContactShare[] {
  const ofTouch = groupContacts(journey);
  const contacts = new Map(journey.contacts.map((c) => [c.id, c]));
  const credits = creditsByTouch(attribution);
  const totals = new Map<string, { cents: number; fraction: number; touchpoints: number }>();
  journey.touches.forEach((t, i) => {
    const ids = ofTouch(t.contactIds);
    if (ids.length === 0) return;
    const credit = credits.get(i) ?? { fraction: 0, cents: 0 };
    const cents = allocate(
      credit.cents,
      ids.map(() => 1),
    );
    ids.forEach((id, k) => {
      let total = totals.get(id);
      if (total === undefined) totals.set(id, (total = { cents: 0, fraction: 0, touchpoints: 0 }));
      total.cents += cents[k]!;
      total.fraction += credit.fraction / ids.length;
      total.touchpoints++;
    });
  });
  return [...totals]
    .map(([contactId, t]) => {
      const c = contacts.get(contactId);
      return { contactId, contactName: c?.name ?? null, role: c?.role ?? null, ...t };
    })
    .sort(
      (a, b) =>
        b.cents - a.cents || b.fraction - a.fraction || compareIds(a.contactId, b.contactId),
    );
}

function unattributedInfo(journey: Journey, outcome: ModelOutcome): UnattributedInfo | null {
  if (!outcome.ok) return { code: 'model_unavailable', message: outcome.message };
  const a = outcome.attribution;
  if (a.status === 'attributed') return null;
  return { code: a.reason, message: explainUnattributed(journey, a.reason) };
}

export interface DealViewInput {
  readonly portalId: number;
  readonly loaded: LoadedDeal;
  readonly journey: Journey;
  readonly model: ModelId;
  readonly outcome: ModelOutcome;
  readonly comparison: readonly { readonly model: ModelId; readonly outcome: ModelOutcome }[];
  readonly settingsVersion: number;
  readonly now: number;
}

export function dealView(x: DealViewInput): DealAttributionBody {
  const { journey, loaded, outcome } = x;
  const { deal } = loaded;
  const attribution = outcome.ok ? outcome.attribution : null;
  const credits = attribution === null ? new Map<number, never>() : creditsByTouch(attribution);
  const reasons = new Map(attribution?.credits.map((c) => [c.index, c.reason]) ?? []);

  const rolesByTouch = journey.touches.map((): Role[] => []);
  const milestones: Partial<Record<Role, string>> = {};
  for (const role of ROLES) {
    const i = journey.milestones[role];
    if (i === undefined) continue;
    rolesByTouch[i]!.push(role);
    milestones[role] = journey.touches[i]!.id;
  }
  const reactivations = new Set(journey.reactivations);
  const contacts = new Map(journey.contacts.map((c) => [c.id, c]));
  const ofTouch = groupContacts(journey);
  const unattributed = unattributedInfo(journey, outcome);
  const noCredit = unattributed === null ? '' : 'No credit: the deal is unattributed';

  const touchpoints = journey.touches.map((t, i): TouchpointCredit => {
    const ids = ofTouch(t.contactIds);
    const contact = ids[0] === undefined ? undefined : contacts.get(ids[0]);
    return {
      id: t.id,
      occurredAt: iso(t.occurredAt),
      contactId: ids[0] ?? null,
      contactName: contact?.name ?? null,
      contactRole: contact?.role ?? null,
      contactIds: ids,
      kind: t.kind,
      channel: t.channel,
      channelLabel: channelLabel(t.channel),
      team: t.team,
      title: t.title ?? null,
      milestones: rolesByTouch[i]!,
      reactivation: reactivations.has(i),
      credit: credits.get(i) ?? { fraction: 0, cents: 0 },
      reason: reasons.get(i) ?? noCredit,
    };
  });

  const comparison = x.comparison.map((c): ModelComparison => ({
    model: c.model,
    label: modelInfo(c.model).label,
    byChannel: c.outcome.ok ? byChannel(journey, c.outcome.attribution) : [],
    unattributedCents: c.outcome.ok ? c.outcome.attribution.unattributedCents : deal.amount.cents,
    unavailable: c.outcome.ok ? null : c.outcome.message,
  }));
  return {
    status: 'ok',
    dealId: deal.id,
    portalId: x.portalId,
    amount: { cents: deal.amount.cents, currency: deal.amount.currency },
    model: x.model,
    modelLabel: modelInfo(x.model).label,
    computedAt: iso(x.now),
    settingsVersion: x.settingsVersion,
    deal: {
      name: deal.name ?? null,
      stage: deal.stage,
      stageLabel: loaded.stageLabel,
      pipelineLabel: loaded.pipelineLabel,
      createdAt: iso(deal.createdAt),
      closedAt: deal.closedAt === undefined ? null : iso(deal.closedAt),
      amountMissing: loaded.amountMissing,
    },
    milestones,
    touchpoints,
    byChannel: byChannel(journey, attribution),
    byContact: attribution === null ? [] : byContact(journey, attribution),
    unattributedCents: attribution === null ? deal.amount.cents : attribution.unattributedCents,
    unattributed,
    fallback: attribution?.status === 'attributed' ? (attribution.fallback ?? null) : null,
    // Without an attribution (a data-driven model that could not learn) the figures that do not
    // depend on credit still show.
    stats: dealStats(journey, attribution),
    comparison,
  };
}
