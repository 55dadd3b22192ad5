import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../extensions/domain/index.js';
import { createSettingsService } from '../../../src/services/settings.js';
import { openStore, type Store } from '../../../src/store/index.js';

const PORTAL = 7;
let store: Store;

beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  await store.upsertPortal(PORTAL, {
    name: 'P',
    timeZone: 'UTC',
    currency: 'USD',
    tier: 'free',
    appType: 'private',
  });
});
afterEach(async () => {
  await store.close();
});

describe('settings service', () => {
  it('serves the defaults as version 0 until something is saved', async () => {
    const settings = createSettingsService({ store });
    expect(await settings.get(PORTAL)).toEqual({
      version: 0,
      settings: DEFAULT_SETTINGS,
      updatedAt: null,
    });
  });

  it('saves a valid change as the next version and fires the change hook', async () => {
    const changes: [number, number][] = [];
    const settings = createSettingsService({
      store,
      onChanged: (portalId, version) => {
        changes.push([portalId, version]);
      },
    });
    const r = await settings.save(PORTAL, { model: 'linear', lookbackDays: 90 }, 0);
    expect(r.ok).toBe(true);
    const current = await settings.get(PORTAL);
    expect(current.version).toBe(1);
    expect(current.settings).toEqual({ ...DEFAULT_SETTINGS, model: 'linear', lookbackDays: 90 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(changes).toEqual([[PORTAL, 1]]);
  });

  it('rejects invalid settings naming each field, and stores nothing', async () => {
    let fired = false;
    const settings = createSettingsService({
      store,
      onChanged: () => {
        fired = true;
      },
    });
    const r = await settings.save(
      PORTAL,
      {
        customWeights: { FIRST: 60, LAST: 60 },
        lookbackDays: 0,
        halfLifeDays: -1,
        accountScope: 'yes',
        contactRoleWeights: { DECISION_MAKER: -2 },
        writeBack: { deal: ['attribution_unknown'] },
        extra: 1,
      },
      0,
    );
    expect(r.ok).toBe(false);
    if (r.ok || r.error !== 'invalid_settings') throw new Error('expected invalid_settings');
    expect(r.errors.map((e) => e.field).sort()).toEqual(
      [
        'extra',
        'accountScope',
        'contactRoleWeights.DECISION_MAKER',
        'customWeights',
        'halfLifeDays',
        'lookbackDays',
        'writeBack.deal.0',
      ].sort(),
    );
    expect(r.errors.find((e) => e.field === 'customWeights')?.message).toBe(
      'must total 100% (now 120%)',
    );
    expect(await store.currentSettings(PORTAL)).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(fired).toBe(false);
  });

  it('refuses a save made from an outdated version (409 material) and keeps the newer one', async () => {
    const settings = createSettingsService({ store });
    expect((await settings.save(PORTAL, { model: 'linear' }, 0)).ok).toBe(true);
    const stale = await settings.save(PORTAL, { model: 'u_shaped' }, 0);
    expect(stale).toMatchObject({ ok: false, error: 'settings_conflict' });
    if (stale.ok || stale.error !== 'settings_conflict') throw new Error('expected a conflict');
    expect(stale.current.settings.model).toBe('linear');
    expect((await settings.get(PORTAL)).settings.model).toBe('linear');
  });

  it('reports a failing change hook instead of failing the save', async () => {
    const errors: unknown[] = [];
    const settings = createSettingsService({
      store,
      onChanged: () => Promise.reject(new Error('queue down')),
      onError: (e) => errors.push(e),
    });
    expect((await settings.save(PORTAL, {}, 0)).ok).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(1);
  });
});
