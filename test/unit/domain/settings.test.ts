// The settings schema every save passes (the settings page as the admin types, the backend on PUT
// and on each read of a stored version): defaults, field-named errors, weights that total 100%.

import { describe, expect, it } from 'vitest';
import { parseJourneyOptions } from '../../../src/attribution/index.js';
import {
  DEFAULT_SETTINGS,
  fieldErrors,
  modelInfo,
  putSettingsBodySchema,
  settingsSchema,
  TOUCH_KINDS,
  WEIGHT_BUCKETS,
} from '../../../src/domain/index.js';

describe('settings schema', () => {
  it('fills every default from an empty object, and the defaults are valid engine options', () => {
    const s = settingsSchema.parse({});
    expect(s.model).toBe('w_shaped');
    expect(s.lookbackDays).toBe(365);
    expect(s.touchKinds).toEqual([...TOUCH_KINDS]);
    expect(s.schedule).toEqual({ incrementalMinutes: 15, nightlyReconcileHour: 2 });
    const journey = parseJourneyOptions({
      lookbackDays: s.lookbackDays,
      accountScope: s.accountScope,
      touchKinds: s.touchKinds,
      directChannels: s.directChannels,
      openDealClosing: s.openDealClosing,
    });
    expect(journey.ok).toBe(true);
  });

  it('names each bad field: unknown keys, weights off 100%, ranges, rule values', () => {
    const r = putSettingsBodySchema.safeParse({
      expectedVersion: 0,
      settings: {
        model: 'nope',
        customWeights: { FIRST: 50, MID: 40 },
        lookbackDays: 731,
        halfLifeDays: 0,
        touchKinds: [],
        schedule: { incrementalMinutes: 1, nightlyReconcileHour: 24 },
        channelRules: {
          rules: [{ channel: 'Bad Name', when: [{ field: 'source', op: 'matches', value: '(' }] }],
        },
        comparisonModels: ['linear', 'linear'],
        colour: 'blue',
      },
    });
    expect(r.success).toBe(false);
    const fields = fieldErrors(r.error!).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'settings.colour',
        'settings.model',
        'settings.customWeights',
        'settings.lookbackDays',
        'settings.halfLifeDays',
        'settings.touchKinds',
        'settings.schedule.incrementalMinutes',
        'settings.schedule.nightlyReconcileHour',
        'settings.channelRules.rules.0.channel',
        'settings.channelRules.rules.0.when.0.value',
        'settings.comparisonModels',
      ]),
    );
    const weights = fieldErrors(r.error!).find((e) => e.field === 'settings.customWeights');
    expect(weights?.message).toBe('must total 100% (now 90%)');
    const unknown = fieldErrors(r.error!).find((e) => e.field === 'settings.colour');
    expect(unknown?.message).toBe('unknown field');
  });

  it('accepts weights that total 100% with decimals', () => {
    const r = settingsSchema.safeParse({
      model: 'custom',
      customWeights: { FIRST: 33.3, LC: 33.3, OC: 33.4 },
    });
    expect(r.success).toBe(true);
  });

  it('starts the custom weights editor from the custom model’s preset, every bucket listed', () => {
    expect(DEFAULT_SETTINGS.customWeights).toEqual({
      FIRST: 22.5,
      LAST: 0,
      LND: 0,
      LC: 22.5,
      OC: 22.5,
      CW: 22.5,
      MID: 10,
    });
    expect(Object.keys(DEFAULT_SETTINGS.customWeights)).toEqual([...WEIGHT_BUCKETS]);
    for (const b of WEIGHT_BUCKETS) {
      expect(DEFAULT_SETTINGS.customWeights[b]).toBe(modelInfo('custom').weights![b] ?? 0);
    }
  });

  it('rejects a non-object, a model of the wrong type and a duplicate comparison model', () => {
    expect(settingsSchema.safeParse(null).success).toBe(false);
    const r = settingsSchema.safeParse({ model: 3, comparisonModels: ['markov', 'markov'] });
    expect(fieldErrors(r.error!).map((e) => e.field)).toEqual(['model', 'comparisonModels']);
    expect(fieldErrors(r.error!)[1]!.message).toBe('must not list a model twice');
  });
});
