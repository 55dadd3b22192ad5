// Linear (ATTRIBUTION.md §2.2): Equal credit to every touch.

import { presetModel } from './positional.js';

export const linear = presetModel({
  id: 'linear',
  label: 'Linear',
  summary: 'Equal credit to every touch',
  weights: { MID: 1 },
});
