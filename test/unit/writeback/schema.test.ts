import { describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../../../src/domain/index.js';
import { dealPropertySpecs } from '../../../src/writeback/schema.js';

describe('deal property specs', () => {
  it('offer every model as an attribution_model option with a label of its own', () => {
    const spec = dealPropertySpecs(['email']).find((p) => p.name === 'attribution_model');
    const options = spec?.options ?? [];
    expect(options.map((o) => o.value)).toEqual([...MODEL_IDS]);
    for (const o of options) expect(o.label, o.value).not.toBe(o.value);
    expect(options.find((o) => o.value === 'logistic')?.label).toBe('Logistic regression');
  });
});
