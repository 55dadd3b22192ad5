// Full path (ATTRIBUTION.md §2.2): 22.5% each to first touch, lead creation, deal creation and closed-won, 10% split over the other touches.

import { presetModel } from './positional.js';

export const fullPath = presetModel({
  id: 'full_path',
  label: 'Full path',
  summary:
    '22.5% each to first touch, lead creation, deal creation and closed-won, 10% split over the other touches',
  weights: { FIRST: 0.225, LC: 0.225, OC: 0.225, CW: 0.225, MID: 0.1 },
});
