// What one page of attribution results needs, read from the read model: each deal's stored
// journey (deal facts, touches with the channel under the rules in force at the recompute, the
// buying group, each touch's resolved contacts and companies). Write-back therefore writes the
// channels and cents the card shows; it re-reads no raw record and re-applies no rule.

import { readDealJourneys, type StoredJourney } from '../read-model/index.js';
import type { AttributionRecord, Store } from '../store/index.js';
import type { InfluenceTouch, ValueTouch } from './values.js';

export interface DealContext {
  readonly journeys: ReadonlyMap<string, StoredJourney>;
  /** Deals whose stored journey could not be read, with why. */
  readonly invalid: ReadonlyMap<string, string>;
  readonly touches: ReadonlyMap<string, ValueTouch>;
  readonly influenceTouches: ReadonlyMap<string, InfluenceTouch>;
  readonly buyingGroups: ReadonlyMap<string, ReadonlySet<string>>;
  /** Channels of the page's touches. */
  readonly channels: ReadonlySet<string>;
}

export async function loadDealContext(
  store: Store,
  portalId: number,
  page: readonly AttributionRecord[],
): Promise<DealContext> {
  const { journeys, invalid } = await readDealJourneys(
    store,
    portalId,
    page.map((r) => r.dealId),
  );
  const touches = new Map<string, ValueTouch>();
  const influenceTouches = new Map<string, InfluenceTouch>();
  const buyingGroups = new Map<string, Set<string>>();
  const channels = new Set<string>();
  for (const [dealId, doc] of journeys) {
    const { journey } = doc;
    buyingGroups.set(
      dealId,
      new Set([...journey.deal.contactIds, ...journey.contacts.map((c) => c.id)]),
    );
    for (const t of journey.touches) {
      touches.set(t.id, t);
      channels.add(t.channel);
      const links = doc.links[t.id];
      influenceTouches.set(t.id, {
        id: t.id,
        contactIds: links?.contactIds ?? t.contactIds,
        companyIds: links?.companyIds ?? t.companyIds ?? [],
      });
    }
  }
  return { journeys, invalid, touches, influenceTouches, buyingGroups, channels };
}
