// The contract repeats lists the engine defines (it may import only zod): these tests fail when
// the two drift apart.

import { describe, expect, it } from 'vitest';
import {
  DATA_DRIVEN_MODEL_IDS,
  MODELS,
  putSettingsBodySchema,
  fieldErrors,
  RULE_MODEL_IDS,
  settingsSchema,
  TOUCH_KINDS,
  channelRulesSchema,
} from '../../../extensions/domain/index.js';
import {
  DATA_DRIVEN_MODEL_IDS as ENGINE_DATA_DRIVEN,
  MODELS as ENGINE_MODELS,
  RULE_MODEL_IDS as ENGINE_RULE,
  TOUCH_KINDS as ENGINE_KINDS,
  parseJourneyOptions,
} from '../../../src/attribution/index.js';
import { channelRulesSchema as engineRules } from '../../../src/channels/index.js';

describe('contract mirrors the engine', () => {
  it('lists the same model ids, touch kinds and channel rule schema', () => {
    expect(RULE_MODEL_IDS).toEqual(ENGINE_RULE);
    expect(DATA_DRIVEN_MODEL_IDS).toEqual(ENGINE_DATA_DRIVEN);
    expect(TOUCH_KINDS).toEqual(ENGINE_KINDS);
    expect(channelRulesSchema).toBe(engineRules);
  });

  it('gives every model the engine label, summary, kind and weights (percent)', () => {
    expect(MODELS.map((m) => m.id).sort()).toEqual(Object.keys(ENGINE_MODELS).sort());
    for (const m of MODELS) {
      const engine = ENGINE_MODELS[m.id];
      expect({ label: m.label, summary: m.summary, kind: m.kind }).toEqual({
        label: engine.label,
        summary: engine.summary,
        kind: engine.kind,
      });
      if (engine.kind === 'rule' && engine.weights) {
        const w = engine.weights(engine.options.parse({}));
        const percent = Object.fromEntries(
          Object.entries(w)
            .filter(([, v]) => v > 0)
            .map(([k, v]) => [k, Math.round(v * 1000) / 10]),
        );
        expect(m.weights, m.id).toEqual(percent);
      } else {
        expect(m.weights, m.id).toBeNull();
      }
    }
  });
});

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
});
