// One label per model (issue 15): the card's model name and comparison labels, the settings
// page's model list, the write-back property's option labels, the engine's model and the CLI's
// `models` listing all show the domain's label, for every model.

import { describe, expect, it } from 'vitest';
import {
  assembleJourney,
  attributeJourney,
  DEFAULT_JOURNEY_OPTIONS,
  getModel,
} from '../../../src/attribution/index.js';
import { listModels } from '../../../src/cli/models.js';
import { MODEL_IDS, MODELS, modelInfo, type ModelId } from '../../../src/domain/index.js';
import { dealView } from '../../../src/services/deal-view.js';
import { dealPropertySpecs } from '../../../src/writeback/schema.js';
import { C1, C2, DEAL, TOUCHES } from '../attribution/worked-example.js';

const NOW = Date.UTC(2025, 0, 1);
const journey = assembleJourney(
  { deal: DEAL, contacts: [C1, C2], touches: TOUCHES },
  DEFAULT_JOURNEY_OPTIONS,
  NOW,
);

/** The card's answer for the worked example under `model`, compared with `other`. */
function card(model: ModelId, other: ModelId) {
  return dealView({
    portalId: 1,
    loaded: { deal: DEAL, amountMissing: false, stageLabel: null, pipelineLabel: null },
    journey,
    model,
    outcome: { ok: true, attribution: attributeJourney(journey, 'linear') },
    comparison: [{ model: other, outcome: { ok: false, message: 'not computed' } }],
    settingsVersion: 1,
    now: NOW,
  });
}

const modelOptions = dealPropertySpecs([]).find((p) => p.name === 'attribution_model')?.options;
const cli = listModels();

describe('one label per model', () => {
  it.each(MODEL_IDS.map((id, i) => [id, MODEL_IDS[(i + 1) % MODEL_IDS.length]!] as const))(
    '%s: the card, settings page, write-back option, engine and CLI say the same',
    (id, other) => {
      const label = modelInfo(id).label;
      const body = card(id, other);
      expect(body.modelLabel).toBe(label);
      expect(card(other, id).comparison[0]!.label).toBe(label);
      expect(MODELS.find((m) => m.id === id)?.label).toBe(label);
      expect(modelOptions?.find((o) => o.value === id)?.label).toBe(label);
      expect(getModel(id).label).toBe(label);
      expect(cli.find((m) => m.id === id)?.label).toBe(label);
    },
  );

  it('offers write-back options for exactly the models, in the catalogue’s order', () => {
    expect(modelOptions?.map((o) => o.value)).toEqual([...MODEL_IDS]);
  });
});
