// Settings → write-back options: the one mapping the CLI's `writeback` and the cycle both use.

import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../extensions/domain/index.js';
import { writeBackOptions } from '../../../src/usecases/index.js';

describe('writeBackOptions', () => {
  it('maps the model, channel list and each object type’s chosen properties', () => {
    const settings = settingsSchema.parse({
      ...DEFAULT_SETTINGS,
      model: 'linear',
      channelRules: { rules: [], fallback: 'other' },
      writeBack: {
        ...DEFAULT_SETTINGS.writeBack,
        deal: ['attribution_model'],
        contact: [],
        company: ['attribution_touchpoints'],
      },
    });
    const o = writeBackOptions(settings);
    expect(o.model).toBe('linear');
    // The buying group comes from the stored journey, not from an option.
    expect('accountScope' in o).toBe(false);
    expect(o.properties).toEqual({
      deals: ['attribution_model'],
      contacts: [],
      companies: ['attribution_touchpoints'],
    });
    expect(o.channels).toContain('other');
  });
});
