// The streaming recompute (ADR 0008): batches bound what it holds; an `auto` recompute after a
// sync redoes only the deals the synced records affect, and leaves the read model exactly as a
// full recompute would; it falls back to a full one when that is not enough.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAttributionService,
  type AttributionService,
} from '../../../src/services/attribute.js';
import { createSettingsService, type SettingsService } from '../../../src/services/settings.js';
import type { Store } from '../../../src/store/index.js';
import { contact, NOW, PORTAL, seededStore } from './fixture.js';

let clock = NOW;
let store: Store;
let settings: SettingsService;
let service: AttributionService;

beforeEach(async () => {
  clock = NOW;
  store = await seededStore(() => clock);
  settings = createSettingsService({ store });
  service = createAttributionService({ store, settings, now: () => NOW });
});
afterEach(async () => {
  await store.close();
});

/** Every stored result's and view's hash, by deal and model, and the journeys' hashes. */
async function readModel(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const deals = (await store.listDealJourneyStamps(PORTAL)).map((s) => s.dealId);
  for (const s of await store.listDealJourneyStamps(PORTAL)) out[`journey ${s.dealId}`] = s.hash;
  for (const [k, s] of await store.attributionStamps(PORTAL, deals)) out[`result ${k}`] = s.hash;
  for (const [k, h] of await store.dealViewHashes(PORTAL, deals)) out[`view ${k}`] = h;
  return out;
}

describe('recompute', () => {
  it('is full the first time, then recomputes nothing while nothing was synced', async () => {
    const first = await service.attributePortal(PORTAL, { mode: 'auto' });
    expect(first).toMatchObject({ scope: 'portal', reason: 'the portal was never recomputed' });
    expect(first.views.saved).toBe(first.deals.total * first.models.length);
    const second = await service.attributePortal(PORTAL, { mode: 'auto' });
    expect(second).toMatchObject({
      scope: 'changed',
      changedDeals: [],
      records: { saved: 0, unchanged: 0 },
      views: { saved: 0, unchanged: 0 },
    });
  });

  it('after a synced change redoes only the affected deals, ending where a full recompute ends', async () => {
    await service.attributePortal(PORTAL, { mode: 'auto' });
    const before = await readModel();
    // Cleo (203) is renamed in HubSpot; the sync stores the record at a later time.
    clock = NOW + 60_000;
    await store.upsertRecords(PORTAL, 'contacts', [
      { ...contact('203', '2024-01-05T00:00', 'Cleopatra'), updatedAt: NOW + 1 },
    ]);
    const targeted = await service.attributePortal(PORTAL, { mode: 'auto' });
    // Her deals (102, 103, 107) and the deals whose journeys reach her through a shared touch.
    expect(targeted.scope).toBe('changed');
    expect(targeted.changedDeals).toEqual(['102', '103', '104', '105', '107']);
    expect(targeted.reached?.contacts).toContain('203');
    const after = await readModel();
    for (const key of Object.keys(before)) {
      const deal = key.replaceAll('\u0000', ' ').split(' ')[1]!;
      if (!targeted.changedDeals!.includes(deal)) expect(after[key], key).toBe(before[key]);
    }
    const card = await service.computeDealView(PORTAL, '102');
    if (!card.ok || card.value.status !== 'ok') throw new Error('expected a view');
    expect(card.value.touchpoints.map((t) => t.contactName)).toContain('Cleopatra Test');
    // A full recompute now finds nothing to change: the targeted one left the same read model.
    const full = await service.attributePortal(PORTAL, { mode: 'full' });
    expect(full).toMatchObject({
      scope: 'portal',
      records: { saved: 0 },
      views: { saved: 0 },
      journeys: { saved: 0 },
    });
    expect(await readModel()).toEqual(after);
  });

  it('deletes the read model of a deal gone from the portal', async () => {
    await service.attributePortal(PORTAL, { mode: 'auto' });
    clock = NOW + 60_000;
    await store.setArchived(PORTAL, 'deals', ['106'], true);
    const targeted = await service.attributePortal(PORTAL, { mode: 'auto' });
    expect(targeted).toMatchObject({ scope: 'changed', changedDeals: ['106'], removedDeals: 1 });
    expect(await store.dealView(PORTAL, '106', 'u_shaped')).toBeUndefined();
    expect(await store.attributionsForDeal(PORTAL, '106')).toEqual([]);
    // A full recompute finds it gone too (the key range between live deals).
    await store.setArchived(PORTAL, 'deals', ['103'], true);
    const full = await service.attributePortal(PORTAL);
    expect(full).toMatchObject({ scope: 'portal', removedDeals: 1 });
    expect((await store.listDealJourneyStamps(PORTAL)).map((s) => s.dealId)).toEqual([
      '101',
      '102',
      '104',
      '105',
      '107',
    ]);
  });

  it('holds one batch of deals at a time', async () => {
    const held: number[] = [];
    await settings.save(PORTAL, { comparisonModels: ['markov', 'linear'] }, 0);
    const summary = await service.attributePortal(PORTAL, {
      batchSize: 2,
      onBatch: (b) => held.push(b.held),
    });
    expect(summary.deals.total).toBe(7);
    expect(Math.max(...held)).toBeLessThanOrEqual(2);
    // Two walks: assembling (then learning), then attributing with the learned weights.
    expect(held.reduce((a, b) => a + b, 0)).toBe(14);
  });

  it('applies the stored learned weights between full recomputes, and learns again when due', async () => {
    await settings.save(PORTAL, { comparisonModels: ['markov', 'linear'] }, 0);
    await service.attributePortal(PORTAL, { mode: 'auto' });
    const learned = await store.learnedModels(PORTAL);
    expect(learned.map((l) => [l.model, l.settingsVersion])).toEqual([['markov', 1]]);
    let counted = 0;
    const counting = new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (prop === 'pathCounts') counted++;
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const svc = createAttributionService({ store: counting, settings, now: () => NOW });
    clock = NOW + 60_000;
    await store.upsertRecords(PORTAL, 'contacts', [
      { ...contact('203', '2024-01-05T00:00', 'Cleopatra'), updatedAt: NOW + 1 },
    ]);
    expect((await svc.attributePortal(PORTAL, { mode: 'auto' })).scope).toBe('changed');
    expect(counted).toBe(0);
    const later = createAttributionService({
      store: counting,
      settings,
      now: () => NOW + 25 * 3_600_000,
    });
    const due = await later.attributePortal(PORTAL, { mode: 'auto' });
    expect(due).toMatchObject({ scope: 'portal', reason: 'the daily full recompute is due' });
    expect(counted).toBe(1);
  });

  it('recomputes everything when the settings or a pipeline changed', async () => {
    await service.attributePortal(PORTAL, { mode: 'auto' });
    await settings.save(PORTAL, { model: 'linear' }, 0);
    expect(await service.attributePortal(PORTAL, { mode: 'auto' })).toMatchObject({
      scope: 'portal',
      reason: 'the settings changed (v0 → v1)',
    });
    clock = NOW + 60_000;
    const [pipeline] = await store.getRecords(PORTAL, 'pipelines', ['default']);
    await store.upsertRecords(PORTAL, 'pipelines', [
      {
        id: 'default',
        properties: { ...pipeline!.properties, label: 'Renamed' },
        updatedAt: pipeline!.updatedAt + 1,
      },
    ]);
    expect(await service.attributePortal(PORTAL, { mode: 'auto' })).toMatchObject({
      scope: 'portal',
      reason: 'a deal pipeline changed',
    });
  });
});

describe('recompute on worker threads', () => {
  it('leaves the same read model as one thread, for rule and data-driven models', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recompute-threads-'));
    const url = `sqlite:${join(dir, 'store.db')}`;
    const threaded = await seededStore(() => NOW, url);
    try {
      for (const comparisonModels of [['linear'], ['markov', 'linear']]) {
        for (const s of [store, threaded]) {
          const settingsOf = createSettingsService({ store: s });
          const current = await settingsOf.get(PORTAL);
          await settingsOf.save(PORTAL, { comparisonModels }, current.version);
        }
        const inline = await service.attributePortal(PORTAL, { batchSize: 2 });
        const pool = await createAttributionService({
          store: threaded,
          settings: createSettingsService({ store: threaded }),
          now: () => NOW,
          parallel: { databaseUrl: url, threads: 2 },
        }).attributePortal(PORTAL, { batchSize: 2 });
        expect(pool.batches.threads).toBe(2);
        expect(inline.batches.threads).toBe(1);
        expect(pool.deals).toEqual(inline.deals);
        expect(pool.models).toEqual(inline.models);
        expect(pool.batches.count).toBe(inline.batches.count);
        expect(await readModelOf(threaded)).toEqual(await readModelOf(store));
      }
    } finally {
      await threaded.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

async function readModelOf(s: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const stamps = await s.listDealJourneyStamps(PORTAL);
  const deals = stamps.map((x) => x.dealId);
  for (const x of stamps) out[`journey ${x.dealId}`] = x.hash;
  for (const [k, x] of await s.attributionStamps(PORTAL, deals)) out[`result ${k}`] = x.hash;
  for (const [k, h] of await s.dealViewHashes(PORTAL, deals)) out[`view ${k}`] = h;
  for (const l of await s.learnedModels(PORTAL))
    out[`learned ${l.model}`] = JSON.stringify(l.learned);
  return out;
}
