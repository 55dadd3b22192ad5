// The store contract's part for the read model (migrations 0004, 0005): deal journeys with their
// paths and members, the path counts, card views, learned models, result stamps and pruning, and
// the ids write-back has written. Run by runStoreContract on every dialect.

import { describe, expect, it } from 'vitest';
import type {
  AttributionRecord,
  DealJourneyInput,
  DealViewRecord,
  Store,
} from '../../../src/store/index.js';
import { expectInvalid } from './expect-invalid.js';

export interface ReadModelContractContext {
  readonly store: () => Store;
  /** Two portals no other test touches (fresh per test). */
  readonly portals: () => readonly [number, number];
}

const journey = (
  dealId: string,
  channels: string,
  outcome: 'won' | 'lost' | 'open',
  value = 0,
  members: { contacts?: string[]; companies?: string[] } = {},
): DealJourneyInput => ({
  dealId,
  settingsVersion: 1,
  computedAt: 10,
  journey: { deal: { id: dealId }, touches: channels === '' ? [] : channels.split(' > ') },
  hash: `j-${dealId}-${channels}`,
  path: { channels, outcome, value },
  members: { contacts: members.contacts ?? [], companies: members.companies ?? [] },
});

const result = (
  dealId: string,
  model: string,
  hash = `r-${dealId}-${model}`,
): AttributionRecord => ({
  dealId,
  model,
  modelVersion: 1,
  settingsVersion: 2,
  computedAt: 20,
  result: {
    status: 'unattributed',
    dealId,
    model,
    amount: { cents: 100, currency: 'USD' },
    reason: 'empty_journey',
    credits: [],
    unattributedCents: 100,
  },
  hash,
});

const view = (dealId: string, model: string, text: string): DealViewRecord => ({
  dealId,
  model,
  settingsVersion: 2,
  computedAt: 30,
  body: text,
  hash: `v-${text}`,
});

export function readModelContract(ctx: ReadModelContractContext): void {
  describe('read model', () => {
    it('stores journeys with their path, replaces members, and finds deals by member', async () => {
      const store = ctx.store();
      const [p, other] = ctx.portals();
      await store.saveDealJourneys(p, [
        journey('10', 'email > paid_search', 'won', 12.5, {
          contacts: ['1', '2'],
          companies: ['7'],
        }),
        journey('9', 'email', 'lost', 0, { contacts: ['2'] }),
      ]);
      await store.saveDealJourneys(other, [journey('9', 'email', 'won', 1, { contacts: ['1'] })]);
      const got = await store.dealJourneys(p, ['9', '10', '11']);
      expect([...got.keys()].sort()).toEqual(['10', '9']);
      expect(got.get('10')?.path).toEqual({
        channels: 'email > paid_search',
        outcome: 'won',
        value: 12.5,
      });
      expect(got.get('10')?.journey).toEqual({
        deal: { id: '10' },
        touches: ['email', 'paid_search'],
      });
      expect(await store.dealsReaching(p, 'contacts', ['1'])).toEqual(['10']);
      expect(await store.dealsReaching(p, 'contacts', ['2', '3'])).toEqual(['9', '10']);
      expect(await store.dealsReaching(p, 'companies', ['7'])).toEqual(['10']);
      // A deal's members are replaced with its journey.
      await store.saveDealJourneys(p, [journey('10', 'email', 'won', 12.5, { contacts: ['3'] })]);
      expect(await store.dealsReaching(p, 'contacts', ['1'])).toEqual([]);
      expect(await store.dealsReaching(p, 'companies', ['7'])).toEqual([]);
      expect(await store.journeyMembers(p, ['10', '9'])).toEqual(
        new Map([
          ['10', { contacts: ['3'], companies: [] }],
          ['9', { contacts: ['2'], companies: [] }],
        ]),
      );
      const stamps = await store.journeyStamps(p, ['9', '10']);
      expect(stamps.get('10')).toEqual({ dealId: '10', hash: 'j-10-email', computedAt: 10 });
    });

    it('counts the closed deals per distinct path (conversions, nulls, value); open deals not', async () => {
      const store = ctx.store();
      const [p, other] = ctx.portals();
      await store.saveDealJourneys(p, [
        journey('1', 'email > webinar', 'won', 100),
        journey('2', 'email > webinar', 'won', 50.5),
        journey('3', 'email > webinar', 'lost'),
        journey('4', 'webinar', 'lost'),
        journey('5', 'webinar', 'open'),
        journey('6', '', 'won', 7),
      ]);
      await store.saveDealJourneys(other, [journey('1', 'webinar', 'won', 1)]);
      expect(await store.pathCounts(p)).toEqual([
        { channels: '', conversions: 1, nulls: 0, value: 7 },
        { channels: 'email > webinar', conversions: 2, nulls: 1, value: 150.5 },
        { channels: 'webinar', conversions: 0, nulls: 1, value: 0 },
      ]);
    });

    it('lists journey stamps within a key range, and deletes a deal’s whole read model', async () => {
      const store = ctx.store();
      const [p] = ctx.portals();
      await store.saveDealJourneys(
        p,
        ['9', '10', '100', '11'].map((id) => journey(id, 'email', 'open')),
      );
      const ids = async (o: { afterDealId?: string; throughDealId?: string }) =>
        (await store.listDealJourneyStamps(p, o)).map((s) => s.dealId);
      expect(await ids({})).toEqual(['9', '10', '11', '100']);
      expect(await ids({ afterDealId: '9', throughDealId: '11' })).toEqual(['10', '11']);
      expect(await ids({ throughDealId: '10' })).toEqual(['9', '10']);
      await store.saveAttributions(p, [result('10', 'linear')]);
      await store.saveDealViews(p, [view('10', 'linear', '{"a":1}')]);
      expect(await store.deleteDealResults(p, ['10'])).toBe(1);
      expect(await store.attributionsForDeal(p, '10')).toEqual([]);
      expect(await store.dealView(p, '10', 'linear')).toBeUndefined();
      expect(await store.journeyMembers(p, ['10'])).toEqual(new Map());
    });

    it('rejects a path that is not channel ids joined by " > ", naming the field', async () => {
      const store = ctx.store();
      const [p] = ctx.portals();
      await expectInvalid(
        store.saveDealJourneys(p, [journey('1', 'email >> x', 'won')]),
        'journeys[0].path.channels',
      );
      await expectInvalid(
        store.saveDealJourneys(p, [
          { ...journey('1', 'email', 'won'), journey: { x: Number.NaN } },
        ]),
        'journeys[0].journey.x',
      );
      expect(await store.dealJourneys(p, ['1'])).toEqual(new Map());
    });

    it('keeps one view per deal and model, byte for byte, and their hashes', async () => {
      const store = ctx.store();
      const [p, other] = ctx.portals();
      await store.saveDealViews(p, [
        view('9', 'linear', '{"v":1}'),
        view('9', 'markov', '{"v":2}'),
      ]);
      await store.saveDealViews(p, [{ ...view('9', 'linear', '{"v":3}'), computedAt: 31 }]);
      const got = await store.dealView(p, '9', 'linear');
      expect(got?.computedAt).toBe(31);
      expect(got?.body).toBe('{"v":3}');
      expect(await store.dealView(other, '9', 'linear')).toBeUndefined();
      expect(await store.dealViewHashes(p, ['9'])).toEqual(
        new Map([
          ['9\u0000linear', 'v-{"v":3}'],
          ['9\u0000markov', 'v-{"v":2}'],
        ]),
      );
      await expectInvalid(
        store.saveDealViews(p, [{ ...view('9', 'linear', 'x'), body: '' }]),
        'views[0].body',
      );
    });

    it('prunes results and views of models no longer shown', async () => {
      const store = ctx.store();
      const [p] = ctx.portals();
      await store.saveAttributions(p, [
        result('9', 'linear'),
        result('9', 'markov'),
        result('9', 'shapley'),
      ]);
      await store.saveDealViews(p, [
        view('9', 'linear', '[1]'),
        view('9', 'markov', '[2]'),
        view('9', 'shapley', '[3]'),
      ]);
      // markov could not learn: its view (saying why) stays, its result goes; shapley is gone.
      expect(await store.pruneModels(p, ['linear'], ['linear', 'markov'])).toBe(2);
      expect((await store.attributionsForDeal(p, '9')).map((r) => r.model)).toEqual(['linear']);
      expect(await store.dealView(p, '9', 'markov')).toBeDefined();
      expect(await store.dealView(p, '9', 'shapley')).toBeUndefined();
    });

    it('reads result stamps and one model’s results by deal', async () => {
      const store = ctx.store();
      const [p] = ctx.portals();
      await store.saveAttributions(p, [
        result('9', 'linear'),
        result('10', 'linear'),
        result('9', 'markov'),
      ]);
      const stamps = await store.attributionStamps(p, ['9']);
      expect(stamps.get('9\u0000markov')).toEqual({
        dealId: '9',
        model: 'markov',
        hash: 'r-9-markov',
        settingsVersion: 2,
        computedAt: 20,
      });
      expect(stamps.size).toBe(2);
      const linear = await store.attributionsOf(p, 'linear', ['9', '10', '11']);
      expect([...linear.keys()].sort()).toEqual(['10', '9']);
      expect(linear.get('10')?.result).toEqual(result('10', 'linear').result);
    });

    it('keeps one learned model per portal and model', async () => {
      const store = ctx.store();
      const [p, other] = ctx.portals();
      await store.saveLearnedModels(p, [
        {
          model: 'markov',
          settingsVersion: 1,
          computedAt: 5,
          learned: { ok: true, value: { w: [1, 2] } },
        },
        {
          model: 'shapley',
          settingsVersion: 1,
          computedAt: 5,
          learned: { ok: false, message: 'no' },
        },
      ]);
      await store.saveLearnedModels(p, [
        {
          model: 'markov',
          settingsVersion: 2,
          computedAt: 6,
          learned: { ok: true, value: { w: [3] } },
        },
      ]);
      expect(await store.learnedModels(p)).toEqual([
        {
          model: 'markov',
          settingsVersion: 2,
          computedAt: 6,
          learned: { ok: true, value: { w: [3] } },
        },
        {
          model: 'shapley',
          settingsVersion: 1,
          computedAt: 5,
          learned: { ok: false, message: 'no' },
        },
      ]);
      expect(await store.learnedModels(other)).toEqual([]);
    });

    it('lists the ids write-back has written, in pages', async () => {
      const store = ctx.store();
      const [p] = ctx.portals();
      const state = (objectId: string) => ({ objectId, hash: 'h', values: {}, writtenAt: 1 });
      await store.saveWritebackStates(p, 'contacts', ['3', '1', '2'].map(state));
      await store.saveWritebackStates(p, 'companies', [state('9')]);
      expect(await store.listWrittenIds(p, 'contacts')).toEqual(['1', '2', '3']);
      expect(await store.listWrittenIds(p, 'contacts', { after: '1', limit: 1 })).toEqual(['2']);
      await expectInvalid(store.listWrittenIds(p, 'calls' as 'contacts'), 'objectType');
    });
  });
}
