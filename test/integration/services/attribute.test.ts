import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MODEL_IDS,
  type DealAttributionBody,
  type ModelId,
} from '../../../extensions/domain/index.js';
import {
  createAttributionService,
  type AttributionService,
} from '../../../src/services/attribute.js';
import { modelsOf } from '../../../src/services/engine-plan.js';
import { createSettingsService, type SettingsService } from '../../../src/services/settings.js';
import type { Store } from '../../../src/store/index.js';
import { markSynced, NOW, OTHER_PORTAL, PORTAL, seededStore } from './fixture.js';

let store: Store;
let settings: SettingsService;
let service: AttributionService;

beforeEach(async () => {
  store = await seededStore();
  settings = createSettingsService({ store });
  service = createAttributionService({ store, settings, now: () => NOW });
});
afterEach(async () => {
  await store.close();
});

/** Recomputes the portal with `model` among the models it shows (the card reads what it stored). */
async function recomputeShowing(portalId: number, model?: ModelId): Promise<void> {
  const current = await settings.get(portalId);
  if (model !== undefined && !modelsOf(current.settings).includes(model)) {
    const comparisonModels = [...current.settings.comparisonModels.slice(0, 4), model];
    const saved = await settings.save(
      portalId,
      { ...current.settings, comparisonModels },
      current.version,
    );
    if (!saved.ok) throw new Error(saved.message);
  }
  await service.attributePortal(portalId);
}

async function view(
  dealId: string,
  model?: ModelId,
  portalId = PORTAL,
): Promise<DealAttributionBody> {
  await recomputeShowing(portalId, model);
  const r = await service.computeDealView(portalId, dealId, model);
  if (!r.ok) throw new Error(r.message);
  if (r.value.status !== 'ok') throw new Error(`deal ${dealId}: ${r.value.status}`);
  return r.value;
}

const centsOf = (body: DealAttributionBody): number[] =>
  body.touchpoints.map((t) => t.credit.cents);
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('card view of the ATTRIBUTION.md §2.5 worked example (deal 101, raw records)', () => {
  const expected: [ModelId, number[]][] = [
    ['linear', [166_667, 166_667, 166_667, 166_667, 166_666, 166_666]],
    ['position_based', [400_000, 50_000, 50_000, 50_000, 50_000, 400_000]],
    ['u_shaped', [400_000, 400_000, 50_000, 50_000, 50_000, 50_000]],
    ['w_shaped', [300_000, 300_000, 33_334, 300_000, 33_333, 33_333]],
    ['full_path', [225_000, 225_000, 50_000, 225_000, 50_000, 225_000]],
    ['j_shaped', [200_000, 50_000, 50_000, 50_000, 50_000, 600_000]],
    ['inverse_j', [600_000, 50_000, 50_000, 50_000, 50_000, 200_000]],
    ['time_decay', [0, 1, 31, 109, 7_141, 992_718]],
  ];
  it.each(expected)('%s gives the documented cents', async (model, cents) => {
    const body = await view('101', model);
    expect(body.touchpoints.map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4', 't5', 't6']);
    expect(centsOf(body)).toEqual(cents);
    expect(body.amount).toEqual({ cents: 1_000_000, currency: 'USD' });
  });

  it('marks milestones, resolves the merged contact and names contacts', async () => {
    const body = await view('101');
    expect(body.model).toBe('w_shaped');
    expect(body.milestones).toEqual({
      FIRST: 't1',
      LAST: 't6',
      LND: 't6',
      LC: 't2',
      OC: 't4',
      CW: 't6',
    });
    expect(body.deal).toMatchObject({
      stage: 'won',
      stageLabel: 'Closed won',
      amountMissing: false,
    });
    expect(body.deal.closedAt).toBe('2024-06-01T12:00:00.000Z');
    const t3 = body.touchpoints[2]!;
    expect(t3).toMatchObject({
      contactId: '202',
      contactName: 'Ben Test',
      contactRole: 'CHAMPION',
    });
    expect(body.touchpoints[0]!.reason).toMatch(/^30% — first touch/);
    // Silences of 30 days or more: t2 → t3 (36 days), t4 → t5 (42), t5 → t6 (50).
    expect(body.touchpoints.map((t) => t.reactivation)).toEqual([
      false,
      false,
      true,
      false,
      true,
      true,
    ]);
    expect(body.stats).toMatchObject({ touchpoints: 6, stakeholders: 2, daysToClose: 92.5 });
    expect(body.stats.salesShare).toBeCloseTo(0.033333, 5);
    expect(sum(body.byChannel.map((c) => c.cents))).toBe(1_000_000);
    expect(body.byChannel[0]).toMatchObject({ channel: 'email', cents: 333_333 });
    expect(sum(body.byContact.map((c) => c.cents))).toBe(1_000_000);
    expect(body.byContact.map((c) => c.contactId).sort()).toEqual(['201', '202']);
    // The comparison list: the default comparison models, the shown model excluded.
    expect(body.comparison.map((c) => c.model)).toEqual(['first_touch', 'last_touch', 'linear']);
    expect(body.comparison[0]!.byChannel[0]).toMatchObject({
      channel: 'paid_search',
      cents: 1_000_000,
    });
  });

  it('includes the active model in the comparison when another model is shown', async () => {
    const body = await view('101', 'linear');
    expect(body.comparison.map((c) => c.model)).toEqual(['w_shaped', 'first_touch', 'last_touch']);
  });
});

describe('card view of other deals', () => {
  it('keeps each currency in its own minor units', async () => {
    const eur = await view('102', 'linear');
    expect(eur.amount).toEqual({ cents: 123_456, currency: 'EUR' });
    // u1, u2, u3 and v2 (shared with 204, at the close instant: inclusive).
    expect(centsOf(eur)).toEqual([30_864, 30_864, 30_864, 30_864]);
    const jpy = await view('103', 'linear');
    expect(jpy.amount).toEqual({ cents: 5000, currency: 'JPY' });
    expect(sum(centsOf(jpy))).toBe(5000);
  });

  it('reports a deal without amount as such, with shares and zero cents', async () => {
    const body = await view('104', 'linear');
    expect(body.deal.amountMissing).toBe(true);
    expect(body.amount.cents).toBe(0);
    // v1 and v2; v3 is after the close.
    expect(body.touchpoints.map((t) => t.credit.fraction)).toEqual([0.5, 0.5]);
    expect(centsOf(body)).toEqual([0, 0]);
    expect(body.unattributed).toBeNull();
  });

  it('attributes an open deal up to now without a closed-won milestone', async () => {
    const body = await view('105', 'full_path');
    expect(body.deal).toMatchObject({ stage: 'open', closedAt: null, stageLabel: 'Qualified' });
    expect(body.milestones.CW).toBeUndefined();
    expect(body.stats.daysToClose).toBeNull();
    expect(sum(centsOf(body))).toBe(77_777);
  });

  it('books a deal without touches to unattributed and says why (stage from pipeline metadata)', async () => {
    const body = await view('106');
    expect(body.deal.stage).toBe('won');
    expect(body.touchpoints).toEqual([]);
    expect(body.unattributedCents).toBe(30_000);
    expect(body.unattributed?.code).toBe('empty_journey');
    expect(body.unattributed?.message).toMatch(/No touch of the buying group/);
  });

  it('sums credits exactly to the amount for every deal and every model', async () => {
    for (const dealId of ['101', '102', '103', '104', '105', '106', '107']) {
      for (const model of MODEL_IDS) {
        const body = await view(dealId, model);
        const total = sum(centsOf(body)) + body.unattributedCents;
        expect(total, `${dealId} ${model}`).toBe(body.amount.cents);
        expect(centsOf(body).every((c) => c >= 0)).toBe(true);
        for (const c of body.comparison) {
          expect(sum(c.byChannel.map((x) => x.cents)) + c.unattributedCents).toBe(
            body.amount.cents,
          );
        }
      }
    }
  });

  it('never mixes portals: the same deal id in another portal is that portal’s deal', async () => {
    const other = await view('101', 'linear', OTHER_PORTAL);
    expect(other.amount.cents).toBe(5000);
    expect(other.deal.name).toBe('Other portal deal');
    expect(other.touchpoints.map((t) => t.id)).toEqual(['x1']);
  });

  it('answers not_synced before the first full sync, deal_not_found after', async () => {
    const before = await service.computeDealView(PORTAL, '999');
    expect(before.ok && before.value.status).toBe('not_synced');
    await markSynced(store, PORTAL);
    const after = await service.computeDealView(PORTAL, '999');
    expect(after).toMatchObject({ ok: false, error: 'deal_not_found' });
  });
});

describe('channel rules', () => {
  it('lets an admin rule reclassify stored touches without a re-sync', async () => {
    const rules = {
      rules: [
        { channel: 'field_sales', when: [{ field: 'kind', op: 'equals', value: 'meeting' }] },
      ],
      fallback: 'other',
    };
    expect((await settings.save(PORTAL, { channelRules: rules }, 0)).ok).toBe(true);
    const body = await view('101', 'linear');
    expect(body.touchpoints.map((t) => t.channel)).toEqual([
      'paid_search',
      'organic',
      'webinar',
      'email',
      'field_sales',
      'email',
    ]);
    expect(body.touchpoints[4]!.channelLabel).toBe('Field sales');
  });
});

describe('data-driven models', () => {
  it('are learned by the recompute only: the card reads the one view it stored', async () => {
    const reads: string[] = [];
    const counting = new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          reads.push(String(prop));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const svc = createAttributionService({ store: counting, settings, now: () => NOW });
    await settings.save(PORTAL, { comparisonModels: ['markov', 'linear'] }, 0);
    await svc.attributePortal(PORTAL);
    expect(reads).toContain('iterateRecords');
    reads.length = 0;
    const first = await svc.computeDealView(PORTAL, '101', 'markov');
    const second = await svc.computeDealView(PORTAL, '102', 'markov');
    // No portal scan, no learning, no view built: one stored view per card.
    expect(reads).toEqual(['dealView', 'dealView']);
    for (const r of [first, second]) {
      if (!r.ok || r.value.status !== 'ok') throw new Error('expected a view');
      expect(sum(centsOf(r.value))).toBe(r.value.amount.cents);
      expect(r.value.unattributed).toBeNull();
    }
    const stored = (await store.attributionsForDeal(PORTAL, '101')).find(
      (r) => r.model === 'markov',
    )!;
    if (!first.ok || first.value.status !== 'ok') throw new Error('expected a view');
    expect(first.value.touchpoints.map((t) => t.credit.cents)).toEqual(
      stored.result.credits.map((c) => c.cents),
    );
  });

  it('says, on the card, when a model was not part of the last recompute', async () => {
    await service.attributePortal(PORTAL);
    const r = await service.computeDealView(PORTAL, '101', 'shapley');
    if (!r.ok || r.value.status !== 'ok') throw new Error('expected a view');
    expect(r.value.unattributed).toMatchObject({ code: 'model_unavailable' });
    expect(r.value.unattributed?.message).toMatch(/not part of the last recompute/);
  });

  it('answers “after the next recompute” for a deal synced since the last one', async () => {
    await markSynced(store, PORTAL);
    const r = await service.computeDealView(PORTAL, '101');
    expect(r.ok && r.value.status).toBe('not_synced');
    if (r.ok && r.value.status === 'not_synced') expect(r.value.message).toMatch(/next one/);
  });
});

describe('logistic on a portal', () => {
  it('learns from won and lost deals and explains each touch by its channel coefficient', async () => {
    const body = await view('101', 'logistic');
    expect(sum(centsOf(body))).toBe(body.amount.cents);
    expect(body.unattributed).toBeNull();
    for (const t of body.touchpoints) {
      expect(t.reason).toMatch(/logistic (coefficient [-+]?\d\.\d\d, 90% interval|model)/);
    }
  });

  it('says why it cannot learn when the portal has no lost deal with touches', async () => {
    await settings.save(PORTAL, { model: 'logistic', comparisonModels: [] }, 0);
    // 107 is the one lost deal: reopened, only won (and open) deals are left.
    await store.upsertRecords(PORTAL, 'deals', [
      {
        id: '107',
        properties: { amount: '999.99', createdate: '2024-02-01T00:00:00Z', hs_is_closed: 'false' },
        updatedAt: NOW,
      },
    ]);
    const summary = await service.attributePortal(PORTAL);
    expect(summary.models[0]!.unavailable).toMatch(/compares won with lost deals/);
    const card = await service.computeDealView(PORTAL, '101');
    if (!card.ok || card.value.status !== 'ok') throw new Error('expected a view');
    expect(card.value.unattributed?.code).toBe('model_unavailable');
  });
});

describe('dealCard', () => {
  it('serves a repeated view from the cache until a recompute or a settings change', async () => {
    let clock = NOW;
    const svc = createAttributionService({ store, settings, now: () => clock });
    await svc.attributePortal(PORTAL);
    const first = await svc.dealCard(PORTAL, '101');
    clock += 1000;
    const second = await svc.dealCard(PORTAL, '101');
    expect(second).toEqual(first);
    if (!first.ok) throw new Error('expected a view');
    expect((JSON.parse(first.value.json) as DealAttributionBody).computedAt).toBe(
      new Date(NOW).toISOString(),
    );

    // The deal's amount changes in HubSpot; the recompute at NOW + 1000 stores it, and the view
    // it stored replaces the cached one.
    const [d101] = await store.getRecords(PORTAL, 'deals', ['101']);
    await store.upsertRecords(PORTAL, 'deals', [
      { id: '101', properties: { ...d101!.properties, amount: '20000.00' }, updatedAt: NOW + 1 },
    ]);
    await svc.attributePortal(PORTAL);
    const third = await svc.dealCard(PORTAL, '101');
    if (!third.ok) throw new Error('expected a view');
    const body = JSON.parse(third.value.json) as DealAttributionBody;
    expect(body.amount.cents).toBe(2_000_000);
    expect(body.computedAt).toBe(new Date(NOW + 1000).toISOString());

    await settings.save(PORTAL, { model: 'linear' }, 0);
    await svc.attributePortal(PORTAL);
    const fourth = await svc.dealCard(PORTAL, '101');
    if (!fourth.ok) throw new Error('expected a view');
    expect((JSON.parse(fourth.value.json) as DealAttributionBody).model).toBe('linear');
  });

  it('does not cache a not-synced answer', async () => {
    const svc = createAttributionService({ store, settings, now: () => NOW });
    const before = await svc.dealCard(PORTAL, '999');
    expect(before.ok && before.value.status).toBe('not_synced');
    await markSynced(store, PORTAL);
    expect(await svc.dealCard(PORTAL, '999')).toMatchObject({
      ok: false,
      error: 'deal_not_found',
    });
  });
});

describe('attributePortal', () => {
  it('saves every deal under the active and comparison models, then nothing when unchanged', async () => {
    const summary = await service.attributePortal(PORTAL);
    expect(summary.deals).toEqual({
      total: 7,
      won: 5,
      lost: 1,
      open: 1,
      attributed: 6,
      unattributed: 1,
      withoutAmount: 1,
    });
    expect(summary.models.map((m) => m.model)).toEqual([
      'w_shaped',
      'first_touch',
      'last_touch',
      'linear',
    ]);
    expect(summary.records).toEqual({ saved: 28, unchanged: 0 });
    const usd = summary.models[0]!.revenue.find((r) => r.currency === 'USD')!;
    // Won USD deals: 101 (1 000 000), 104 (no amount), 106 (30 000, no touches).
    expect(usd).toMatchObject({
      deals: 3,
      amountCents: 1_030_000,
      attributedCents: 1_000_000,
      unattributedCents: 30_000,
    });
    expect(sum(usd.byChannel.map((c) => c.cents))).toBe(1_000_000);
    expect(summary.models[0]!.revenue.map((r) => r.currency)).toEqual(['EUR', 'JPY', 'USD']);

    const records = await store.attributionsForDeal(PORTAL, '101');
    const w = records.find((r) => r.model === 'w_shaped')!;
    expect(w.settingsVersion).toBe(0);
    expect(w.result.status === 'attributed' && w.result.credits.map((c) => c.cents)).toEqual([
      300_000, 300_000, 33_334, 300_000, 33_333, 33_333,
    ]);
    for (const r of await store.listAttributions(PORTAL)) {
      expect(sum(r.result.credits.map((c) => c.cents)) + r.result.unattributedCents).toBe(
        r.result.amount.cents,
      );
    }

    const again = await service.attributePortal(PORTAL);
    expect(again.records).toEqual({ saved: 0, unchanged: 28 });
  });

  it('recomputes under new settings and reports a data-driven model that cannot learn', async () => {
    const saved = await settings.save(
      PORTAL,
      { model: 'custom', customWeights: { FIRST: 50, LAST: 50 }, comparisonModels: ['markov'] },
      0,
    );
    expect(saved.ok).toBe(true);
    const summary = await service.attributePortal(PORTAL);
    expect(summary.settingsVersion).toBe(1);
    expect(summary.models.map((m) => m.model)).toEqual(['custom', 'markov']);
    expect(summary.models[1]!.unavailable).toBeNull();
    const d101 = (await store.attributionsForDeal(PORTAL, '101')).find(
      (r) => r.model === 'custom',
    )!;
    expect(d101.result.credits.map((c) => c.cents)).toEqual([500_000, 0, 0, 0, 0, 500_000]);

    // With no won deal left, a data-driven model has nothing to learn from: said, not crashed.
    await settings.save(OTHER_PORTAL, { model: 'shapley', comparisonModels: [] }, 0);
    await store.upsertRecords(OTHER_PORTAL, 'deals', [
      {
        id: '101',
        properties: { amount: '50.00', createdate: '2024-03-01T00:00:00Z', hs_is_closed: 'false' },
        updatedAt: NOW,
      },
    ]);
    const other = await service.attributePortal(OTHER_PORTAL);
    expect(other.models[0]!.unavailable).toMatch(/needs at least one won deal/);
    const card = await service.computeDealView(OTHER_PORTAL, '101');
    if (!card.ok || card.value.status !== 'ok') throw new Error('expected a view');
    expect(card.value.unattributed?.code).toBe('model_unavailable');
    expect(card.value.unattributedCents).toBe(5000);
  });
});
