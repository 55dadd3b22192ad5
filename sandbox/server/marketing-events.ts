// Marketing events as the v3 list reads them (GET /marketing/v3/marketing-events), derived from
// the portal's participations: an event is known by its participants (the generator and the time
// simulator only ever create events with them). Rebuilt when participations were added.

import type { Participation, Portal } from '../portal.js';

export interface MarketingEvent {
  readonly id: string;
  readonly name: string;
  /** Free text in HubSpot ("Webinar", "Conference", …); absent when the event has none. */
  readonly eventType?: string;
  /** In order of participation id: the per-event breakdown pages through these. */
  readonly participations: readonly Participation[];
  readonly start: number;
  readonly end: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface MarketingEventIndex {
  /** Ascending numeric id, the order of the list endpoint. */
  readonly events: readonly MarketingEvent[];
  readonly byId: ReadonlyMap<string, MarketingEvent>;
}

/** A function returning the current index; participations are only ever appended. */
export function createMarketingEventIndex(portal: Portal): () => MarketingEventIndex {
  let built: { count: number; index: MarketingEventIndex } | undefined;
  return () => {
    if (built?.count !== portal.participations.length) {
      built = { count: portal.participations.length, index: build(portal.participations) };
    }
    return built.index;
  };
}

function build(participations: readonly Participation[]): MarketingEventIndex {
  const groups = new Map<string, Participation[]>();
  for (const p of participations) {
    const list = groups.get(p.marketingEventId);
    if (list) list.push(p);
    else groups.set(p.marketingEventId, [p]);
  }
  const events = [...groups.entries()]
    .map(([id, ps]): MarketingEvent => {
      const ends = ps.map((p) => p.occurredAt + (p.attendanceDurationSeconds ?? 0) * 1000);
      const eventType = ps[0]?.eventType;
      return {
        id,
        name: ps[0]?.eventName ?? '',
        ...(eventType === undefined ? {} : { eventType }),
        participations: ps,
        start: Math.min(...ps.map((p) => p.occurredAt)),
        end: Math.max(...ends),
        createdAt: Math.min(...ps.map((p) => p.createdAt)),
        updatedAt: Math.max(...ps.map((p) => Math.max(p.createdAt, p.occurredAt))),
      };
    })
    .sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
  return { events, byId: new Map(events.map((e) => [e.id, e])) };
}
