import { describe, expect, it } from 'vitest';
import { pathSetFromRows } from '../../../../src/attribution/paths/path-set.js';
import { runPathModel } from '../../../../src/attribution/paths/run-model.js';
import { logistic } from '../../../../src/attribution/models/logistic.js';

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

  it('runs logistic with its options and reports intercept, coefficients and intervals', () => {
    const ps = pathSetFromRows([
      { path: ['a'], conversions: 30, nulls: 10, value: 60 },
      { path: ['b'], conversions: 10, nulls: 30, value: 20 },
      { path: ['a', 'b'], conversions: 20, nulls: 20, value: 40 },
    ]);
    const r = runPathModel(ps, 'logistic', { l2: 0.5, bootstrap: 40, seed: 3 });
    if (!r.ok) throw new Error(r.message);
    const learned = logistic.learn(ps, { l2: 0.5, bootstrap: 40, seed: 3 });
    if (!learned.ok) throw new Error(learned.message);
    expect(r.value).toEqual({
      model: 'logistic',
      totalConversions: 60,
      totalValue: 120,
      intercept: learned.value.intercept,
      l2: 0.5,
      bootstrap: 40,
      seed: 3,
      channels: learned.value.channels,
      warnings: learned.value.warnings,
    });
    const [a, b] = r.value.channels;
    expect(a!.coefficient).toBeGreaterThan(0);
    expect(b!.coefficient).toBeLessThan(0);
    expect(a!.interval!.lo).toBeLessThan(a!.coefficient!);
    expect(a!.interval!.hi).toBeGreaterThan(a!.coefficient!);
  });

  it('refuses logistic options elsewhere, bad ones, and paths without nulls', () => {
    const ps = pathSetFromRows([{ path: ['a'], conversions: 1, nulls: 1 }]);
    expect(runPathModel(ps, 'markov', { l2: 1 })).toMatchObject({
      ok: false,
      error: 'bad_options',
      message: 'l2, bootstrap and seed apply only to logistic',
    });
    expect(runPathModel(ps, 'logistic', { l2: 0 })).toMatchObject({
      ok: false,
      error: 'bad_options',
      message: expect.stringMatching(/^l2: l2 must be > 0/) as unknown,
    });
    expect(runPathModel(ps, 'logistic', { bootstrap: 2.5 })).toMatchObject({
      ok: false,
      error: 'bad_options',
      message: expect.stringMatching(/^bootstrap: /) as unknown,
    });
    expect(runPathModel(F3, 'logistic')).toMatchObject({ ok: false, error: 'needs_nulls' });
  });
});
