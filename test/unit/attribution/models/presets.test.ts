// The position presets take their weights, label and summary from the domain (percent there,
// fractions here): percent ÷ 100 must give exactly the doubles the engine has always used, in the
// same key order, so every credit, reason and `models` listing stays what it was.

import { describe, expect, it } from 'vitest';
import { getModel, getRuleModel } from '../../../../src/attribution/index.js';
import { MODEL_IDS, modelInfo, type RuleModelId } from '../../../../src/domain/index.js';

const FRACTIONS: Readonly<Record<Exclude<RuleModelId, 'time_decay'>, Record<string, number>>> = {
  first_touch: { FIRST: 1 },
  last_touch: { LAST: 1 },
  last_non_direct: { LND: 1 },
  linear: { MID: 1 },
  position_based: { FIRST: 0.4, LAST: 0.4, MID: 0.2 },
  u_shaped: { FIRST: 0.4, LC: 0.4, MID: 0.2 },
  w_shaped: { FIRST: 0.3, LC: 0.3, OC: 0.3, MID: 0.1 },
  full_path: { FIRST: 0.225, LC: 0.225, OC: 0.225, CW: 0.225, MID: 0.1 },
  j_shaped: { FIRST: 0.2, LAST: 0.6, MID: 0.2 },
  inverse_j: { FIRST: 0.6, LAST: 0.2, MID: 0.2 },
  // The editor's defaults: every bucket, the absent ones 0.
  custom: { FIRST: 0.225, LAST: 0, LND: 0, LC: 0.225, OC: 0.225, CW: 0.225, MID: 0.1 },
};

describe('position presets from the domain', () => {
  it.each(Object.entries(FRACTIONS))('%s weighs exactly as before', (id, expected) => {
    const model = getRuleModel(id as RuleModelId);
    const weights = model.weights!(model.options.parse({}));
    expect(Object.keys(weights)).toEqual(Object.keys(expected));
    for (const [bucket, w] of Object.entries(expected)) {
      expect(Object.is(weights[bucket as keyof typeof weights], w), `${id}.${bucket}`).toBe(true);
    }
  });

  it('every engine model carries the domain’s label and summary', () => {
    for (const id of MODEL_IDS) {
      const m = getModel(id);
      expect({ id: m.id, label: m.label, summary: m.summary, kind: m.kind }).toEqual({
        id,
        label: modelInfo(id).label,
        summary: modelInfo(id).summary,
        kind: modelInfo(id).kind,
      });
    }
  });
});
