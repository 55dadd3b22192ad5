// The one read model (issue 15): the card and the written-back properties read the same stored
// result, so they agree to the cent — also after an admin's channel-rule change, which
// re-classifies the stored touches at the next recompute without a re-sync.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DealAttributionBody } from '../../extensions/domain/index.js';
import { generatePortal } from '../../sandbox/generator/index.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import type { ComposedApp } from '../../src/app/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { formatMinorUnits } from '../../src/attribution/index.js';
import { composeWithStore } from '../support/compose.js';
import { syncOnce } from './sync-fixture.js';

let sb: RunningSandbox;
let store: Store;
let app: ComposedApp;

beforeAll(async () => {
  sb = await startSandbox({
    portal: generatePortal({ seed: 15, scale: 'tiny' }),
    log: () => undefined,
    rateLimits: false,
  });
  store = await openStore('sqlite::memory:');
  const sync = await syncOnce(sb, store);
  if (!sync.ok) throw new Error('the sync failed');
  app = await composeWithStore(store, {
    HUBSPOT_BASE_URL: sb.baseUrl,
    HUBSPOT_ACCESS_TOKEN: sb.accessToken,
  });
  // Write-back reaches the portal through its recorded connection, as under `start`.
  await app.privateApp();
}, 60_000);
afterAll(async () => {
  await app.close(); // closes the store it was given
  await sb.close();
});

/** Recompute, write back, then each deal's card next to its properties in the sandbox portal. */
async function cycle(): Promise<
  { card: DealAttributionBody; properties: Record<string, unknown> }[]
> {
  await app.usecases.attributePortal(sb.portalId);
  const { summary } = await app.usecases.writeBackPortal(sb.portalId);
  expect(summary.failed).toBe(0);
  const out = [];
  for (const deal of sb.portal.objects.deals.values()) {
    if (deal.archived) continue;
    const r = await app.usecases.attribution.computeDealView(sb.portalId, deal.id);
    if (!r.ok || r.value.status !== 'ok') throw new Error(`deal ${deal.id}: no card`);
    out.push({ card: r.value, properties: deal.properties });
  }
  return out;
}

/** Every channel's revenue property equals the card's cents for that channel. */
function expectAgreement(
  views: readonly { card: DealAttributionBody; properties: Record<string, unknown> }[],
): void {
  for (const { card, properties } of views) {
    for (const c of card.byChannel) {
      expect(properties[`attribution_revenue_${c.channel}`], `${card.dealId} ${c.channel}`).toBe(
        formatMinorUnits(c.cents, card.amount.currency),
      );
    }
    expect(properties['attribution_model']).toBe(card.model);
  }
}

describe('card = properties', () => {
  it('agree to the cent on every deal, and again after a channel-rule change without a re-sync', async () => {
    const before = await cycle();
    expect(before.length).toBeGreaterThan(5);
    expectAgreement(before);
    const meetings = before.flatMap((v) => v.card.touchpoints).filter((t) => t.kind === 'meeting');
    expect(meetings.length).toBeGreaterThan(0);
    expect(meetings.some((t) => t.channel === 'field_sales')).toBe(false);

    const current = await app.usecases.settings.get(sb.portalId);
    const saved = await app.usecases.settings.save(
      sb.portalId,
      {
        ...current.settings,
        channelRules: {
          ...current.settings.channelRules,
          rules: [
            { channel: 'field_sales', when: [{ field: 'kind', op: 'equals', value: 'meeting' }] },
          ],
        },
      },
      current.version,
    );
    expect(saved.ok).toBe(true);

    const after = await cycle();
    expectAgreement(after);
    const moved = after.flatMap((v) => v.card.touchpoints).filter((t) => t.kind === 'meeting');
    expect(moved.every((t) => t.channel === 'field_sales')).toBe(true);
    // The credit the meetings earned is now reported, on the card and in HubSpot, as field sales.
    const credited = after.filter((v) =>
      v.card.touchpoints.some((t) => t.kind === 'meeting' && t.credit.cents > 0),
    );
    expect(credited.length).toBeGreaterThan(0);
    for (const { card, properties } of credited) {
      const cents = card.touchpoints
        .filter((t) => t.channel === 'field_sales')
        .reduce((s, t) => s + t.credit.cents, 0);
      expect(properties['attribution_revenue_field_sales']).toBe(
        formatMinorUnits(cents, card.amount.currency),
      );
    }
  }, 120_000);
});
