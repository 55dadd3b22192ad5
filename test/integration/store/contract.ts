// The Store contract: every implementation runs this same suite (sqlite.test.ts, postgres.test.ts).
// No `.test` suffix: it runs only when a dialect's test file imports it.

import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DealAttribution } from '../../../src/attribution/types.js';
import {
  compareIds,
  type AttributionRecord,
  type RecordInput,
  type Store,
  type StoreOptions,
  type StoredRecord,
  type TouchpointInput,
} from '../../../src/store/index.js';
import { evaluationContract } from './contract-evaluations.js';
import { freshnessContract } from './contract-freshness.js';
import { readModelContract } from './contract-read-model.js';
import { expectInvalid } from './expect-invalid.js';
import { sampleEvaluationJson } from '../../support/evaluation.js';

export interface OpenedStore {
  readonly store: Store;
  /** Opens another store on the same database (migrations run again); absent for :memory:. */
  readonly reopen?: () => Promise<Store>;
  dispose(): Promise<void>;
}

export interface StoreHarness {
  readonly name: string;
  /** A store on a new, empty database; opened once per suite. */
  open(options: StoreOptions): Promise<OpenedStore>;
}

const contact = (
  id: string,
  props: Record<string, string | null> = {},
  updatedAt = 1000,
): RecordInput => ({
  id,
  properties: { email: `${id}@example.com`, ...props },
  history: { lifecyclestage: [{ value: 'lead', timestamp: 500, sourceType: 'CRM_UI' }] },
  createdAt: 100,
  updatedAt,
});

const touch = (
  id: string,
  originId: string,
  occurredAt: number,
  contactIds: string[],
): TouchpointInput => ({
  id,
  originId,
  occurredAt,
  contactIds,
  kind: 'call',
  channel: 'Sales call',
  team: 'sales',
});

const attribution = (dealId: string, model: string): AttributionRecord => {
  const result: DealAttribution = {
    status: 'unattributed',
    dealId,
    model,
    amount: { cents: 1000, currency: 'USD' },
    reason: 'empty_journey',
    credits: [],
    unattributedCents: 1000,
  };
  return {
    dealId,
    model,
    modelVersion: 1,
    settingsVersion: 1,
    computedAt: 5,
    result,
    hash: `h-${dealId}-${model}`,
  };
};

async function all(
  store: Store,
  portalId: number,
  pageSize = 500,
  includeArchived = true,
): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for await (const page of store.iterateRecords(portalId, 'contacts', {
    pageSize,
    includeArchived,
  })) {
    out.push(...page);
  }
  return out;
}

export function runStoreContract(harness: StoreHarness): void {
  describe(`Store contract: ${harness.name}`, () => {
    // One database per suite (migrating one per test would dominate the run time); tests stay
    // independent because each uses portals no other test touches, which also means every test
    // runs with other portals' data present.
    let clock = 1_000_000;
    let h: OpenedStore;
    let store: Store;
    let lastPortal = 0;
    const nextPortal = (): number => ++lastPortal;
    let P1 = 0;
    let P2 = 0;

    beforeAll(async () => {
      h = await harness.open({ now: () => clock });
      store = h.store;
    });
    afterAll(async () => {
      await h.dispose();
    });
    beforeEach(() => {
      clock = 1_000_000;
      P1 = nextPortal();
      P2 = nextPortal();
    });

    describe('migrations', () => {
      it('applies every migration to an empty database and records it', async () => {
        const status = await store.migrations();
        expect(status.applied).toContain('0001-initial');
        expect(status.pending).toEqual([]);
        await store.ping();
      });

      it('is a no-op when run again on a migrated database, keeping the data', async (ctx) => {
        if (h.reopen === undefined) {
          ctx.skip('an in-memory database cannot be reopened; the file harness covers this');
          return;
        }
        await store.upsertRecords(P1, 'contacts', [contact('1')]);
        const before = await store.migrations();
        const again = await h.reopen();
        try {
          expect(await again.migrations()).toEqual(before);
          expect((await again.getRecords(P1, 'contacts', ['1'])).map((r) => r.id)).toEqual(['1']);
        } finally {
          await again.close();
        }
      });
    });

    describe('records', () => {
      it('counts inserted, updated and unchanged rows by content hash', async () => {
        const page = [contact('1'), contact('2'), contact('3')];
        expect(await store.upsertRecords(P1, 'contacts', page)).toEqual({
          inserted: 3,
          updated: 0,
          unchanged: 0,
        });
        expect(await store.upsertRecords(P1, 'contacts', page)).toEqual({
          inserted: 0,
          updated: 0,
          unchanged: 3,
        });
        const changed = [contact('1'), contact('2', { firstname: 'Ana' }), contact('4')];
        expect(await store.upsertRecords(P1, 'contacts', changed)).toEqual({
          inserted: 1,
          updated: 1,
          unchanged: 1,
        });
        const [two] = await store.getRecords(P1, 'contacts', ['2']);
        expect(two?.properties).toEqual({ email: '2@example.com', firstname: 'Ana' });
      });

      it('treats the same properties in another key order as unchanged', async () => {
        await store.upsertRecords(P1, 'contacts', [
          { id: '1', properties: { a: '1', b: '2' }, updatedAt: 1 },
        ]);
        const again = await store.upsertRecords(P1, 'contacts', [
          { id: '1', properties: { b: '2', a: '1' }, updatedAt: 1 },
        ]);
        expect(again.unchanged).toBe(1);
      });

      it('returns what was stored, history and timestamps included', async () => {
        clock = 42;
        const input = contact('7', { firstname: null });
        await store.upsertRecords(P1, 'contacts', [input]);
        const [got] = await store.getRecords(P1, 'contacts', ['7', 'missing']);
        expect(got).toMatchObject({
          id: '7',
          properties: input.properties,
          history: input.history,
          createdAt: 100,
          updatedAt: 1000,
          archived: false,
          archivedAt: null,
          syncedAt: 42,
        });
        expect(got?.contentHash).toMatch(/^[0-9a-f]{64}$/);
      });

      it('writes nothing of a page that holds one invalid record', async () => {
        await store.upsertRecords(P1, 'contacts', [contact('1')]);
        const bad = [
          contact('1', { firstname: 'changed' }),
          { properties: {}, updatedAt: 1 },
          contact('2'),
        ];
        await expectInvalid(
          store.upsertRecords(P1, 'contacts', bad as RecordInput[]),
          'records[1].id',
        );
        const dup = [contact('3'), contact('3')];
        await expectInvalid(store.upsertRecords(P1, 'contacts', dup), 'records[1]');
        const rows = await all(store, P1);
        expect(rows.map((r) => [r.id, r.properties.firstname])).toEqual([['1', undefined]]);
      });

      it('accepts text with NUL characters (PostgreSQL keeps them as U+FFFD)', async () => {
        const odd = 'a\u0000b \\u0000 c';
        await store.upsertRecords(P1, 'notes', [
          { id: '1', properties: { hs_note_body: odd }, updatedAt: 1 },
        ]);
        const [note] = await store.getRecords(P1, 'notes', ['1']);
        const body = note?.properties.hs_note_body;
        expect(body).toBe(store.dialect === 'postgres' ? 'a\ufffdb \\u0000 c' : odd);
        // The hash is taken from the input, so the same note is still unchanged.
        const again = await store.upsertRecords(P1, 'notes', [
          { id: '1', properties: { hs_note_body: odd }, updatedAt: 1 },
        ]);
        expect(again.unchanged).toBe(1);
      });

      it('rejects an unknown object type and a bad portal id, naming the field', async () => {
        await expectInvalid(
          store.upsertRecords(P1, 'widgets' as 'contacts', [contact('1')]),
          'objectType',
        );
        await expectInvalid(store.upsertRecords(0, 'contacts', [contact('1')]), 'portalId');
        await expectInvalid(store.getPortal(1.5), 'portalId');
      });

      it('archives and unarchives, hiding archived rows from counts and default iteration', async () => {
        await store.upsertRecords(P1, 'contacts', [contact('1'), contact('2'), contact('3')]);
        expect(await store.setArchived(P1, 'contacts', ['2', '3', 'nope'], true, 777)).toBe(2);
        expect(await store.setArchived(P1, 'contacts', ['2'], true)).toBe(0);
        expect((await store.countRecords(P1)).contacts).toBe(1);
        expect((await all(store, P1, 500, false)).map((r) => r.id)).toEqual(['1']);
        const [two] = await store.getRecords(P1, 'contacts', ['2']);
        expect(two).toMatchObject({ archived: true, archivedAt: 777 });

        expect(await store.setArchived(P1, 'contacts', ['3'], false)).toBe(1);
        expect((await store.countRecords(P1)).contacts).toBe(2);
        // A live copy of an archived record restores it even though its content is unchanged.
        expect(await store.upsertRecords(P1, 'contacts', [contact('2')])).toEqual({
          inserted: 0,
          updated: 1,
          unchanged: 0,
        });
        expect((await store.countRecords(P1)).contacts).toBe(3);
      });

      it('stores archived records from an archived listing as archived', async () => {
        await store.upsertRecords(P1, 'deals', [
          { id: '5', properties: {}, updatedAt: 1, archived: true, archivedAt: 9 },
        ]);
        expect((await store.countRecords(P1)).deals).toBe(0);
        expect(await store.getRecords(P1, 'deals', ['5'])).toMatchObject([
          { archived: true, archivedAt: 9 },
        ]);
      });

      it('counts live records per type, zero for empty types', async () => {
        await store.upsertRecords(P1, 'contacts', [contact('1'), contact('2')]);
        await store.upsertRecords(P1, 'email_events', [
          { id: 'ev-1', properties: { type: 'CLICK' }, updatedAt: 1 },
        ]);
        const counts = await store.countRecords(P1);
        expect(counts.contacts).toBe(2);
        expect(counts.email_events).toBe(1);
        expect(counts.deals).toBe(0);
      });

      it('resolves ids through merge chains', async () => {
        await store.recordMerges(P1, 'contacts', [{ fromId: '1', intoId: '2' }]);
        await store.recordMerges(P1, 'contacts', [{ fromId: '2', intoId: '3' }]);
        const resolved = await store.resolveIds(P1, 'contacts', ['1', '2', '3', '4']);
        expect(Object.fromEntries(resolved)).toEqual({ '1': '3', '2': '3', '3': '3', '4': '4' });
        expect((await store.resolveIds(P1, 'companies', ['1'])).get('1')).toBe('1');
        await expectInvalid(
          store.recordMerges(P1, 'contacts', [{ fromId: '5', intoId: '5' }]),
          'merges[0].intoId',
        );
      });
    });

    describe('iteration', () => {
      it('pages in numeric id order across lengths, then non-numeric ids', async () => {
        const ids = ['100', '9', 'abc', '10', '1000', '11', '2', '99', 'Abc'];
        await store.upsertRecords(
          P1,
          'contacts',
          ids.map((id) => contact(id)),
        );
        const pages: string[][] = [];
        for await (const page of store.iterateRecords(P1, 'contacts', { pageSize: 2 })) {
          pages.push(page.map((r) => r.id));
        }
        expect(pages.flat()).toEqual(['2', '9', '10', '11', '99', '100', '1000', 'Abc', 'abc']);
        expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 2, 1]);
        const resumed: string[] = [];
        for await (const page of store.iterateRecords(P1, 'contacts', {
          pageSize: 3,
          after: '99',
        })) {
          resumed.push(...page.map((r) => r.id));
        }
        expect(resumed).toEqual(['100', '1000', 'Abc', 'abc']);
      });

      it('yields every record exactly once for any id set and page size', async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.uniqueArray(fc.bigInt({ min: 1n, max: 10n ** 18n }).map(String), {
              minLength: 0,
              maxLength: 40,
            }),
            fc.integer({ min: 1, max: 7 }),
            async (ids, pageSize) => {
              const portal = nextPortal();
              if (ids.length > 0)
                await store.upsertRecords(
                  portal,
                  'contacts',
                  ids.map((id) => contact(id)),
                );
              const seen = (await all(store, portal, pageSize)).map((r) => r.id);
              const expected = [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
              expect(seen).toEqual(expected);
              expect([...ids].sort(compareIds)).toEqual(expected);
            },
          ),
          { numRuns: 25 },
        );
      });
    });

    describe('crash safety', () => {
      it('converges to the same store when pages are replayed after a crash', async () => {
        const page = fc.uniqueArray(fc.integer({ min: 1, max: 60 }), {
          minLength: 1,
          maxLength: 8,
        });
        await fc.assert(
          fc.asyncProperty(
            fc.array(page, { minLength: 1, maxLength: 6 }),
            fc.nat(),
            async (pages, seed) => {
              const once = nextPortal();
              const replayed = nextPortal();
              const records = pages.map((ids, p) =>
                ids.map((n) => contact(String(n), { page: String(p) }, p)),
              );
              for (const recs of records) await store.upsertRecords(once, 'contacts', recs);
              // Same pages, but a "crash" after page k repeats it (the checkpoint had not advanced).
              const k = seed % records.length;
              for (const [i, recs] of records.entries()) {
                await store.upsertRecords(replayed, 'contacts', recs);
                if (i === k) await store.upsertRecords(replayed, 'contacts', recs);
              }
              const strip = (rs: StoredRecord[]) => rs.map((r) => ({ ...r, syncedAt: 0 }));
              expect(strip(await all(store, replayed))).toEqual(strip(await all(store, once)));
            },
          ),
          { numRuns: 15 },
        );
      });

      it('leaves the store identical when the same page is upserted twice', async () => {
        const page = [contact('1'), contact('2', { firstname: 'x' })];
        await store.upsertRecords(P1, 'contacts', page);
        const after1 = await all(store, P1);
        clock += 1000;
        await store.upsertRecords(P1, 'contacts', page);
        expect(await all(store, P1)).toEqual(after1);
      });
    });

    describe('associations', () => {
      it('replaces the whole set for the given from-ids only', async () => {
        await store.replaceAssociations(P1, 'deals', ['1', '2'], 'contacts', [
          { fromId: '1', toId: '10', typeIds: [3] },
          { fromId: '1', toId: '11', typeIds: [3] },
          { fromId: '2', toId: '10', typeIds: [3, 5] },
        ]);
        await store.replaceAssociations(P1, 'deals', ['1'], 'contacts', [
          { fromId: '1', toId: '11', typeIds: [3] },
        ]);
        expect(await store.associationsOf(P1, 'deals', ['1', '2'], 'contacts')).toEqual([
          { fromId: '1', toId: '11', typeIds: [3] },
          { fromId: '2', toId: '10', typeIds: [3, 5] },
        ]);
        await store.replaceAssociations(P1, 'deals', ['2'], 'contacts', []);
        expect(await store.associationsOf(P1, 'deals', ['2'], 'contacts')).toEqual([]);
      });

      it('answers from the other side too, oriented as asked', async () => {
        await store.replaceAssociations(P1, 'deals', ['1', '2'], 'contacts', [
          { fromId: '1', toId: '10', typeIds: [3] },
          { fromId: '2', toId: '10', typeIds: [3] },
        ]);
        expect(await store.associationsOf(P1, 'contacts', ['10'], 'deals')).toEqual([
          { fromId: '10', toId: '1', typeIds: [3] },
          { fromId: '10', toId: '2', typeIds: [3] },
        ]);
        // Stored in both directions: the asked direction's own type ids win.
        await store.replaceAssociations(P1, 'contacts', ['10'], 'deals', [
          { fromId: '10', toId: '1', typeIds: [4] },
        ]);
        expect(await store.associationsOf(P1, 'contacts', ['10'], 'deals')).toEqual([
          { fromId: '10', toId: '1', typeIds: [4] },
          { fromId: '10', toId: '2', typeIds: [3] },
        ]);
      });

      it('rejects a pair whose from-id is not being replaced, writing nothing', async () => {
        const pairs = [
          { fromId: '1', toId: '10', typeIds: [3] },
          { fromId: '9', toId: '10', typeIds: [3] },
        ];
        await expectInvalid(
          store.replaceAssociations(P1, 'deals', ['1'], 'contacts', pairs),
          'pairs[1].fromId',
        );
        expect(await store.associationsOf(P1, 'deals', ['1', '9'], 'contacts')).toEqual([]);
      });
    });

    describe('touchpoints', () => {
      it('replaces touches per origin, leaving other origins alone', async () => {
        await store.replaceTouchpointsFor(
          P1,
          'calls',
          ['c1', 'c2'],
          [
            touch('t1', 'c1', 300, ['10']),
            touch('t2', 'c1', 100, ['10', '11']),
            touch('t3', 'c2', 200, ['11']),
          ],
        );
        await store.replaceTouchpointsFor(P1, 'calls', ['c1'], [touch('t4', 'c1', 50, ['10'])]);
        const got = await store.touchpointsForContacts(P1, ['10', '11']);
        expect(got.map((t) => [t.id, t.originId])).toEqual([
          ['t4', 'c1'],
          ['t3', 'c2'],
        ]);
        // Re-deriving the same touches is idempotent.
        await store.replaceTouchpointsFor(P1, 'calls', ['c1'], [touch('t4', 'c1', 50, ['10'])]);
        expect(await store.touchpointsForContacts(P1, ['10', '11'])).toEqual(got);
      });

      it('round-trips every optional field and orders by time, then id', async () => {
        const full: TouchpointInput = {
          id: 'f1',
          originId: '5',
          occurredAt: 100,
          contactIds: ['1', '2'],
          companyIds: ['7'],
          kind: 'form_submission',
          channel: 'Organic search',
          team: 'marketing',
          createdContactIds: ['1'],
          source: { source: 'ORGANIC_SEARCH', detail1: 'google', url: 'https://x.test/' },
          campaign: 'Spring',
          title: 'Form: Demo',
        };
        await store.replaceTouchpointsFor(
          P1,
          'contacts',
          ['5'],
          [full, touch('a0', '5', 100, ['2'])],
        );
        const got = await store.touchpointsForContacts(P1, ['2']);
        expect(got).toEqual([
          { ...touch('a0', '5', 100, ['2']), originType: 'contacts' },
          { ...full, originType: 'contacts' },
        ]);
        expect(await store.touchpointsForContacts(P1, ['1'])).toHaveLength(1);
      });

      it('rejects an invalid touch naming the field, writing nothing', async () => {
        const bad = { ...touch('x', 'o', 1, ['1']), channel: 'a > b' };
        await expectInvalid(
          store.replaceTouchpointsFor(P1, 'calls', ['o'], [touch('y', 'o', 1, ['1']), bad]),
          'touchpoints[1].channel',
        );
        await expectInvalid(
          store.replaceTouchpointsFor(P1, 'calls', ['o'], [touch('y', 'p', 1, ['1'])]),
          'touchpoints[0].originId',
        );
        expect(await store.touchpointsForContacts(P1, ['1'])).toEqual([]);
      });

      it('reads the latest touches of the portal, newest first, ties by id', async () => {
        const visit: TouchpointInput = {
          ...touch('v1', 'o2', 300, ['2']),
          kind: 'visit',
          channel: 'paid_search',
          team: 'marketing',
          source: { source: 'PAID_SEARCH', medium: 'cpc', detail1: 'google' },
          campaign: 'Brand',
        };
        await store.replaceTouchpointsFor(
          P1,
          'calls',
          ['o1', 'o2'],
          [
            touch('b', 'o1', 200, ['1']),
            touch('10', 'o1', 100, ['1']),
            touch('a', 'o1', 200, ['1']),
            touch('9', 'o1', 100, ['1']),
            touch('B', 'o1', 200, ['1']),
            visit,
          ],
        );
        // Another portal's newer touch never shows.
        await store.replaceTouchpointsFor(P2, 'calls', ['o1'], [touch('z', 'o1', 999, ['1'])]);

        const got = await store.recentTouchpoints(P1, { limit: 10 });
        // Binary order on both dialects: '9' > '10', 'b' > 'a' > 'B'.
        expect(got.map((t) => t.id)).toEqual(['v1', 'b', 'a', 'B', '9', '10']);
        expect(got[0]).toEqual({ ...visit, originType: 'calls' });
        expect((await store.recentTouchpoints(P1, { limit: 3 })).map((t) => t.id)).toEqual([
          'v1',
          'b',
          'a',
        ]);
        expect(
          (await store.recentTouchpoints(P1, { limit: 10, kinds: ['visit', 'event'] })).map(
            (t) => t.id,
          ),
        ).toEqual(['v1']);
        expect(await store.recentTouchpoints(P1, { limit: 10, kinds: ['note'] })).toEqual([]);
        expect(await store.recentTouchpoints(nextPortal(), { limit: 10 })).toEqual([]);
      });

      it('rejects bad options of the recent-touch read, naming the field', async () => {
        await expectInvalid(store.recentTouchpoints(P1, { limit: 0 }), 'options.limit');
        await expectInvalid(store.recentTouchpoints(P1, { limit: 5001 }), 'options.limit');
        await expectInvalid(store.recentTouchpoints(P1, { limit: 1.5 }), 'options.limit');
        await expectInvalid(store.recentTouchpoints(P1, { limit: 5, kinds: [] }), 'options.kinds');
        await expectInvalid(
          store.recentTouchpoints(P1, { limit: 5, kinds: ['visit', 'tweet' as 'visit'] }),
          'options.kinds[1]',
        );
        await expectInvalid(store.recentTouchpoints(0, { limit: 5 }), 'portalId');
      });
    });

    describe('sync state', () => {
      it('saves checkpoints only from the version they were read at', async () => {
        expect(await store.getCheckpoint(P1, 'contacts')).toBeUndefined();
        const base = {
          portalId: P1,
          stream: 'contacts',
          version: 0,
          cursor: { after: '0' },
          phase: 'full' as const,
          lastFullSyncAt: null,
        };
        const first = await store.saveCheckpoint(base);
        expect(first).toEqual({ ok: true, value: { ...base, version: 1, updatedAt: clock } });
        const racing = await store.saveCheckpoint({ ...base, cursor: { after: '999' } });
        expect(racing).toMatchObject({ ok: false, error: 'checkpoint_conflict' });
        clock += 5;
        const second = await store.saveCheckpoint({
          ...base,
          version: 1,
          cursor: { after: '200' },
          phase: 'incremental',
          lastFullSyncAt: 7,
        });
        expect(second.ok && second.value.version).toBe(2);
        const stale = await store.saveCheckpoint({ ...base, version: 1, cursor: { after: '1' } });
        expect(stale).toMatchObject({ ok: false, error: 'checkpoint_conflict' });
        expect(await store.getCheckpoint(P1, 'contacts')).toEqual({
          ...base,
          version: 2,
          cursor: { after: '200' },
          phase: 'incremental',
          lastFullSyncAt: 7,
          updatedAt: clock,
        });
      });

      it('lets exactly one of several concurrent saves of one version win', async () => {
        const base = {
          portalId: P1,
          stream: 'deals',
          version: 0,
          cursor: 0,
          phase: 'full' as const,
          lastFullSyncAt: null,
        };
        const first = await Promise.all(
          [1, 2, 3, 4].map((n) => store.saveCheckpoint({ ...base, cursor: n })),
        );
        expect(first.filter((r) => r.ok)).toHaveLength(1);
        const next = await Promise.all(
          [5, 6, 7].map((n) => store.saveCheckpoint({ ...base, version: 1, cursor: n })),
        );
        const winners = next.filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        expect((await store.getCheckpoint(P1, 'deals'))?.cursor).toEqual(
          winners[0]?.ok && winners[0].value.cursor,
        );
        const marked = await Promise.all(
          [0, 1, 2].map(() => store.markWebhookEvents(P1, [1, 2, 3])),
        );
        expect(marked.flat().sort()).toEqual(['1', '2', '3']);
        const settings = await Promise.all([0, 1, 2].map((n) => store.saveSettings(P1, { n }, 0)));
        expect(settings.filter((r) => r.ok)).toHaveLength(1);
      });

      it('rejects a checkpoint with a bad phase', async () => {
        const cp = {
          portalId: P1,
          stream: 's',
          version: 0,
          cursor: null,
          phase: 'partial',
          lastFullSyncAt: null,
        };
        await expectInvalid(store.saveCheckpoint(cp as never), 'checkpoint.phase');
      });

      it('keeps the latest status per stream', async () => {
        await store.saveStreamStatus(P1, {
          stream: 'deals',
          records: 5,
          apiCalls: 2,
          lastError: null,
          lastRunAt: 10,
        });
        const error = { kind: 'rate_limited', message: 'ten_secondly_rolling', at: 20 };
        await store.saveStreamStatus(P1, {
          stream: 'deals',
          records: 6,
          apiCalls: 4,
          lastError: error,
          lastRunAt: 20,
        });
        await store.saveStreamStatus(P1, {
          stream: 'contacts',
          records: 1,
          apiCalls: 1,
          lastError: null,
          lastRunAt: null,
        });
        expect(await store.streamStatuses(P1)).toEqual([
          { stream: 'contacts', records: 1, apiCalls: 1, lastError: null, lastRunAt: null },
          { stream: 'deals', records: 6, apiCalls: 4, lastError: error, lastRunAt: 20 },
        ]);
      });
    });

    describe('attribution results and write-back state', () => {
      it('keeps one result per deal and model, listed in deal id order', async () => {
        await store.saveAttributions(P1, [
          attribution('10', 'linear'),
          attribution('9', 'linear'),
          attribution('9', 'u_shaped'),
        ]);
        await store.saveAttributions(P1, [
          { ...attribution('9', 'linear'), hash: 'new', modelVersion: 2 },
        ]);
        const nine = await store.attributionsForDeal(P1, '9');
        expect(nine.map((r) => [r.model, r.hash, r.modelVersion])).toEqual([
          ['linear', 'new', 2],
          ['u_shaped', 'h-9-u_shaped', 1],
        ]);
        expect(nine[1]?.result).toEqual(attribution('9', 'u_shaped').result);
        const listed = await store.listAttributions(P1, { model: 'linear' });
        expect(listed.map((r) => r.dealId)).toEqual(['9', '10']);
        expect(
          (await store.listAttributions(P1, { afterDealId: '9' })).map((r) => r.dealId),
        ).toEqual(['10']);
      });

      it('remembers what was last written per object', async () => {
        const state = {
          objectId: '9',
          hash: 'abc',
          values: { attribution_model: 'linear' },
          writtenAt: 3,
        };
        await store.saveWritebackStates(P1, 'deals', [state]);
        await store.saveWritebackStates(P1, 'deals', [{ ...state, hash: 'def', writtenAt: 4 }]);
        const got = await store.writebackStates(P1, 'deals', ['9', '10']);
        expect([...got.entries()]).toEqual([['9', { ...state, hash: 'def', writtenAt: 4 }]]);
      });
    });

    describe('settings, webhooks, tokens, portals', () => {
      it('appends settings versions and refuses a stale expected version', async () => {
        expect(await store.currentSettings(P1)).toBeUndefined();
        const v1 = await store.saveSettings(P1, { model: 'linear' }, 0);
        expect(v1).toEqual({
          ok: true,
          value: { version: 1, settings: { model: 'linear' }, createdAt: clock },
        });
        expect(await store.saveSettings(P1, { model: 'u_shaped' }, 0)).toMatchObject({
          ok: false,
          error: 'settings_conflict',
        });
        await store.saveSettings(P1, { model: 'w_shaped', lookbackDays: 90 }, 1);
        expect((await store.currentSettings(P1))?.settings).toEqual({
          model: 'w_shaped',
          lookbackDays: 90,
        });
        expect((await store.settingsVersion(P1, 1))?.settings).toEqual({ model: 'linear' });
        expect(await store.settingsVersion(P1, 3)).toBeUndefined();
      });

      it('returns only webhook event ids not seen before', async () => {
        expect(await store.markWebhookEvents(P1, [1001, '1002', 1001])).toEqual(['1001', '1002']);
        expect(await store.markWebhookEvents(P1, ['1002', 1003])).toEqual(['1003']);
        clock += 10;
        expect(await store.pruneWebhookEvents(P1, clock)).toBe(3);
        expect(await store.markWebhookEvents(P1, [1001])).toEqual(['1001']);
      });

      it('stores and returns the encrypted token verbatim', async () => {
        const token = {
          encryptedRefreshToken: 'AAEC/w==',
          accessTokenExpiresAt: 99,
          scopes: ['crm.objects.deals.read'],
        };
        await store.saveOAuthToken(P1, token);
        expect(await store.getOAuthToken(P1)).toEqual({ ...token, updatedAt: clock });
      });

      it('upserts portals and lists their ids', async () => {
        const facts = {
          name: 'Acme',
          timeZone: 'Europe/Berlin',
          currency: 'EUR',
          tier: 'professional',
          appType: 'oauth',
        } as const;
        await store.upsertPortal(P2, facts);
        clock += 1;
        const saved = await store.upsertPortal(P2, { ...facts, tier: 'enterprise' });
        expect(saved).toEqual({
          portalId: P2,
          ...facts,
          tier: 'enterprise',
          createdAt: clock - 1,
          updatedAt: clock,
        });
        await store.upsertPortal(P1, facts);
        const ids = await store.listPortalIds();
        expect(ids.filter((id) => id === P1 || id === P2)).toEqual([P1, P2]);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
        await expectInvalid(
          store.upsertPortal(P1, { ...facts, currency: 'eur' }),
          'portal.currency',
        );
      });
    });

    evaluationContract({ store: () => store, portals: () => [P1, P2] });
    readModelContract({ store: () => store, portals: () => [P1, P2] });
    freshnessContract({
      store: () => store,
      portals: () => [P1, P2],
      setClock: (ms) => {
        clock = ms;
      },
    });

    describe('portal isolation', () => {
      it('never shows one portal’s data through another', async () => {
        await store.upsertPortal(P1, {
          name: 'One',
          timeZone: 'UTC',
          currency: 'USD',
          tier: 'free',
          appType: 'private',
        });
        await store.upsertRecords(P1, 'contacts', [contact('1'), contact('2')]);
        await store.recordMerges(P1, 'contacts', [{ fromId: '1', intoId: '2' }]);
        await store.replaceAssociations(P1, 'deals', ['5'], 'contacts', [
          { fromId: '5', toId: '1', typeIds: [3] },
        ]);
        await store.replaceTouchpointsFor(P1, 'calls', ['c'], [touch('t', 'c', 1, ['1'])]);
        await store.saveCheckpoint({
          portalId: P1,
          stream: 'contacts',
          version: 0,
          cursor: 1,
          phase: 'full',
          lastFullSyncAt: null,
        });
        await store.saveStreamStatus(P1, {
          stream: 'contacts',
          records: 1,
          apiCalls: 1,
          lastError: null,
          lastRunAt: 1,
        });
        await store.saveAttributions(P1, [attribution('5', 'linear')]);
        await store.saveWritebackStates(P1, 'deals', [
          { objectId: '5', hash: 'h', values: {}, writtenAt: 1 },
        ]);
        await store.saveSettings(P1, { model: 'linear' }, 0);
        await store.markWebhookEvents(P1, [1]);
        await store.saveOAuthToken(P1, {
          encryptedRefreshToken: 'x',
          accessTokenExpiresAt: null,
          scopes: [],
        });
        await store.saveEvaluation(P1, {
          computedAt: 1,
          settingsVersion: 1,
          evaluation: sampleEvaluationJson(),
        });

        expect(await store.getPortal(P2)).toBeUndefined();
        expect(await store.getRecords(P2, 'contacts', ['1', '2'])).toEqual([]);
        expect(await all(store, P2)).toEqual([]);
        expect(Object.values(await store.countRecords(P2)).every((n) => n === 0)).toBe(true);
        expect((await store.resolveIds(P2, 'contacts', ['1'])).get('1')).toBe('1');
        expect(await store.associationsOf(P2, 'deals', ['5'], 'contacts')).toEqual([]);
        expect(await store.associationsOf(P2, 'contacts', ['1'], 'deals')).toEqual([]);
        expect(await store.touchpointsForContacts(P2, ['1'])).toEqual([]);
        expect(await store.recentTouchpoints(P2, { limit: 10 })).toEqual([]);
        expect(await store.getCheckpoint(P2, 'contacts')).toBeUndefined();
        expect(await store.streamStatuses(P2)).toEqual([]);
        expect(await store.attributionsForDeal(P2, '5')).toEqual([]);
        expect(await store.listAttributions(P2)).toEqual([]);
        expect((await store.writebackStates(P2, 'deals', ['5'])).size).toBe(0);
        expect(await store.currentSettings(P2)).toBeUndefined();
        expect(await store.getOAuthToken(P2)).toBeUndefined();
        expect(await store.latestEvaluation(P2)).toBeUndefined();
        expect(await store.setArchived(P2, 'contacts', ['1'], true)).toBe(0);
        expect(await store.pruneWebhookEvents(P2, Number.MAX_SAFE_INTEGER)).toBe(0);

        // Writes under portal 2 with the same ids leave portal 1 as it was.
        expect(await store.markWebhookEvents(P2, [1])).toEqual(['1']);
        expect(await store.saveSettings(P2, { model: 'u' }, 0)).toMatchObject({ ok: true });
        expect(
          (
            await store.saveCheckpoint({
              portalId: P2,
              stream: 'contacts',
              version: 0,
              cursor: 2,
              phase: 'full',
              lastFullSyncAt: null,
            })
          ).ok,
        ).toBe(true);
        await store.replaceAssociations(P2, 'deals', ['5'], 'contacts', []);
        await store.replaceTouchpointsFor(P2, 'calls', ['c'], []);
        await store.upsertRecords(P2, 'contacts', [contact('1', { firstname: 'other' })]);
        expect(await store.associationsOf(P1, 'deals', ['5'], 'contacts')).toHaveLength(1);
        expect(await store.touchpointsForContacts(P1, ['1'])).toHaveLength(1);
        expect(
          (await store.getRecords(P1, 'contacts', ['1']))[0]?.properties.firstname,
        ).toBeUndefined();
        expect((await store.currentSettings(P1))?.settings).toEqual({ model: 'linear' });
        expect((await store.getCheckpoint(P1, 'contacts'))?.cursor).toBe(1);
        expect(await store.listPortalIds()).not.toContain(P2);
      });
    });
  });
}
