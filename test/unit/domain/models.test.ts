// The model catalogue of the domain: every id once, rule vs data-driven, one label each, preset
// weights that total 100%, and the id schema's message.

import { describe, expect, it } from 'vitest';
import {
  DATA_DRIVEN_MODEL_IDS,
  isDataDriven,
  isModelId,
  isRuleModelId,
  MODEL_IDS,
  modelIdSchema,
  modelInfo,
  modelInfoSchema,
  MODELS,
  ROLE_LABELS,
  ROLES,
  RULE_MODEL_IDS,
  WEIGHT_BUCKETS,
} from '../../../src/domain/index.js';

describe('model catalogue', () => {
  it('lists every id once, rule models first, in the order the settings page shows them', () => {
    expect(MODEL_IDS).toEqual([...RULE_MODEL_IDS, ...DATA_DRIVEN_MODEL_IDS]);
    expect(new Set(MODEL_IDS).size).toBe(MODEL_IDS.length);
    expect(MODELS.map((m) => m.id)).toEqual(MODEL_IDS);
  });

  it('gives every model one label and summary of its own', () => {
    const labels = MODELS.map((m) => m.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const m of MODELS) {
      expect(m.label.trim(), m.id).not.toBe('');
      expect(m.summary.trim(), m.id).not.toBe('');
      expect(modelInfoSchema.safeParse(m).success, m.id).toBe(true);
      expect(modelInfo(m.id)).toBe(m);
    }
  });

  it('tells rule models from data-driven ones', () => {
    for (const id of RULE_MODEL_IDS) {
      expect([isRuleModelId(id), isDataDriven(id), modelInfo(id).kind]).toEqual([
        true,
        false,
        'rule',
      ]);
    }
    for (const id of DATA_DRIVEN_MODEL_IDS) {
      expect([isRuleModelId(id), isDataDriven(id), modelInfo(id).kind]).toEqual([
        false,
        true,
        'data_driven',
      ]);
      expect(modelInfo(id).weights, id).toBeNull();
    }
    expect(isModelId('w_shaped')).toBe(true);
    expect(isModelId('W_SHAPED')).toBe(false);
    expect(isRuleModelId('markov')).toBe(false);
  });

  it('gives every position preset percent weights on known buckets that total 100', () => {
    const positional = MODELS.filter((m) => m.weights !== null);
    expect(positional.map((m) => m.id)).toEqual(RULE_MODEL_IDS.filter((id) => id !== 'time_decay'));
    for (const m of positional) {
      const entries = Object.entries(m.weights!);
      for (const [bucket, w] of entries) {
        expect(WEIGHT_BUCKETS, m.id).toContain(bucket);
        expect(w, `${m.id}.${bucket}`).toBeGreaterThan(0);
      }
      expect(
        entries.reduce((s, [, w]) => s + w, 0),
        m.id,
      ).toBeCloseTo(100, 10);
    }
    expect(modelInfo('w_shaped').weights).toEqual({ FIRST: 30, LC: 30, OC: 30, MID: 10 });
  });

  it('labels every milestone role', () => {
    expect(Object.keys(ROLE_LABELS)).toEqual([...ROLES]);
    expect(WEIGHT_BUCKETS).toEqual([...ROLES, 'MID']);
  });

  it('rejects an unknown model id, listing the known ones', () => {
    const r = modelIdSchema.safeParse('nope');
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe(`must be one of ${MODEL_IDS.join(', ')}`);
    expect(modelIdSchema.parse('logistic')).toBe('logistic');
  });
});
