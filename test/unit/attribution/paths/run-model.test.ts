import { describe, expect, it } from 'vitest';
import { pathSetFromRows } from '../../../../src/attribution/paths/path-set.js';
import { runPathModel } from '../../../../src/attribution/paths/run-model.js';

const F3 = pathSetFromRows([{ path: ['x', 'y'], conversions: 10, value: 20 }]);

describe('runPathModel', () => {
  it('runs a preset on the raw paths and reports the file totals', () => {
    const r = runPathModel(F3, 'position_based');
    expect(r).toEqual({
      ok: true,
      value: {
        model: 'position_based',
        totalConversions: 10,
        totalValue: 20,
        channels: [
          { channel: 'x', conversions: 5, value: 10 },
          { channel: 'y', conversions: 5, value: 10 },
        ],
      },
    });
  });

  it('runs custom weights over FIRST and LAST (F3: 30/70 → 3/7)', () => {
    const r = runPathModel(F3, 'custom', { weights: { FIRST: 30, LAST: 70 } });
    if (!r.ok) throw new Error(r.message);
    expect(r.value.channels.map((c) => c.conversions)).toEqual([3, 7]);
  });

  it('refuses models that need timestamps or milestones', () => {
    for (const id of ['time_decay', 'u_shaped', 'w_shaped', 'full_path']) {
      expect(runPathModel(F3, id)).toMatchObject({ ok: false, error: 'model_not_applicable' });
    }
    for (const role of ['LC', 'OC', 'CW']) {
      expect(runPathModel(F3, 'custom', { weights: { FIRST: 1, [role]: 1 } })).toMatchObject({
        ok: false,
        error: 'model_not_applicable',
      });
    }
  });

  it('rejects unknown models, options of another model, and custom without weights', () => {
    expect(runPathModel(F3, 'best_model')).toMatchObject({ ok: false, error: 'unknown_model' });
    expect(runPathModel(F3, 'linear', { order: 2 })).toMatchObject({
      ok: false,
      error: 'bad_options',
    });
    expect(runPathModel(F3, 'markov', { weights: { FIRST: 1 } })).toMatchObject({
      ok: false,
      error: 'bad_options',
    });
    expect(runPathModel(F3, 'custom')).toMatchObject({ ok: false, error: 'bad_options' });
    expect(runPathModel(F3, 'custom', { weights: { FIRST: 0 } })).toMatchObject({
      ok: false,
      error: 'bad_options',
    });
  });

  it('reports empty-path rows as unattributed, outside the totals', () => {
    const ps = pathSetFromRows([
      { path: [], conversions: 2, value: 4 },
      { path: ['a'], conversions: 1, value: 1 },
    ]);
    const r = runPathModel(ps, 'linear');
    expect(r).toMatchObject({
      ok: true,
      value: {
        totalConversions: 1,
        totalValue: 1,
        unattributed: { rows: 1, conversions: 2, value: 4 },
      },
    });
  });

  it('runs a data-driven model through its learn() (F5 simplified Shapley: a 7, b 3)', () => {
    const ps = pathSetFromRows([
      { path: ['a'], conversions: 4 },
      { path: ['a', 'b'], conversions: 6 },
    ]);
    const r = runPathModel(ps, 'shapley_simplified');
    if (!r.ok) throw new Error(r.message);
    expect(r.value.model).toBe('shapley_simplified');
    expect(r.value.channels.map((c) => [c.channel, c.conversions])).toEqual([
      ['a', 7],
      ['b', 3],
    ]);
  });
});
