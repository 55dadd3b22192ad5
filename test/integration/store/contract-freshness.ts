// The store contract's part for freshness (migration 0005): the change feed of synced records,
// the recompute state and webhook hints. Run by runStoreContract on every dialect; `clock` sets
// the store's clock (synced_at, received_at).

import { describe, expect, it } from 'vitest';
import type { RecordInput, Store } from '../../../src/store/index.js';
import { expectInvalid } from './expect-invalid.js';

export interface FreshnessContractContext {
  readonly store: () => Store;
  readonly portals: () => readonly [number, number];
  readonly setClock: (ms: number) => void;
}

const rec = (id: string, updatedAt = 1000, name = 'x'): RecordInput => ({
  id,
  properties: { name },
  updatedAt,
});

export function freshnessContract(ctx: FreshnessContractContext): void {
  describe('freshness', () => {
    it('feeds the records a sync wrote since a time: new, changed, archived — not unchanged', async () => {
      const store = ctx.store();
      const [p, other] = ctx.portals();
      expect(await store.lastSyncedAt(p)).toBeNull();
      ctx.setClock(2_000);
      await store.upsertRecords(p, 'contacts', [rec('1'), rec('2')]);
      await store.upsertRecords(other, 'contacts', [rec('9')]);
      ctx.setClock(3_000);
      await store.upsertRecords(p, 'contacts', [rec('1'), rec('2', 1001, 'y')]);
      await store.upsertRecords(p, 'deals', [rec('5')]);
      ctx.setClock(4_000);
      await store.setArchived(p, 'contacts', ['1'], true);
      expect(await store.lastSyncedAt(p)).toBe(4_000);
      expect(await store.countChangedRecords(p, 2_000, 4_000)).toBe(3);
      expect(await store.changedRecords(p, 2_000, 4_000, 10)).toEqual([
        { objectType: 'contacts', id: '2', syncedAt: 3_000 },
        { objectType: 'deals', id: '5', syncedAt: 3_000 },
        { objectType: 'contacts', id: '1', syncedAt: 4_000 },
      ]);
      expect(await store.changedRecords(p, 2_000, 3_000, 1)).toEqual([
        { objectType: 'contacts', id: '2', syncedAt: 3_000 },
      ]);
      expect(await store.countChangedRecords(p, 4_000, 5_000)).toBe(0);
      await expectInvalid(store.changedRecords(p, 0, 1, 0), 'limit');
    });

    it('remembers what the last recompute covered', async () => {
      const store = ctx.store();
      const [p, other] = ctx.portals();
      expect(await store.recomputeState(p)).toBeUndefined();
      ctx.setClock(7_000);
      await store.saveRecomputeState(p, { settingsVersion: 2, syncedThrough: 5, fullAt: 6 });
      await store.saveRecomputeState(p, { settingsVersion: 3, syncedThrough: 8, fullAt: 6 });
      expect(await store.recomputeState(p)).toEqual({
        settingsVersion: 3,
        syncedThrough: 8,
        fullAt: 6,
        updatedAt: 7_000,
      });
      expect(await store.recomputeState(other)).toBeUndefined();
      await expectInvalid(
        store.saveRecomputeState(p, { settingsVersion: -1, syncedThrough: 1, fullAt: 1 }),
        'state.settingsVersion',
      );
    });

    it('keeps one waiting hint per record, and never deletes one received again', async () => {
      const store = ctx.store();
      const [p, other] = ctx.portals();
      ctx.setClock(10_000);
      await store.addChangeHints(p, [
        { objectType: 'deals', objectId: '5', kind: 'propertyChange', occurredAt: 100 },
        { objectType: 'deals', objectId: '5', kind: 'creation', occurredAt: 90 },
        { objectType: 'contacts', objectId: '7', kind: 'merge', occurredAt: 95, mergedIds: ['8'] },
      ]);
      await store.addChangeHints(other, [
        { objectType: 'deals', objectId: '5', kind: 'creation', occurredAt: 1 },
      ]);
      expect(await store.countChangeHints(p)).toBe(2);
      const taken = await store.changeHints(p, 10);
      expect(taken).toEqual([
        {
          objectType: 'contacts',
          objectId: '7',
          kind: 'merge',
          occurredAt: 95,
          mergedIds: ['8'],
          receivedAt: 10_000,
        },
        {
          objectType: 'deals',
          objectId: '5',
          kind: 'propertyChange',
          occurredAt: 100,
          receivedAt: 10_000,
        },
      ]);
      // The deal changes again while its refresh runs: that hint stays for the next one.
      ctx.setClock(11_000);
      await store.addChangeHints(p, [
        { objectType: 'deals', objectId: '5', kind: 'propertyChange', occurredAt: 130 },
      ]);
      expect(await store.deleteChangeHints(p, taken)).toBe(1);
      expect(await store.changeHints(p, 10)).toEqual([
        {
          objectType: 'deals',
          objectId: '5',
          kind: 'propertyChange',
          occurredAt: 130,
          receivedAt: 11_000,
        },
      ]);
      expect(await store.countChangeHints(other)).toBe(1);
      await expectInvalid(
        store.addChangeHints(p, [
          { objectType: 'deals', objectId: '', kind: 'creation', occurredAt: 1 },
        ]),
        'hints[0].objectId',
      );
    });
  });
}
