// W-shaped (ATTRIBUTION.md §2.2): 30% each to first touch, lead creation and deal creation, 10% split over the other touches.

import { presetModel } from './positional.js';

export const wShaped = presetModel({
  id: 'w_shaped',
  label: 'W-shaped',
  summary:
    '30% each to first touch, lead creation and deal creation, 10% split over the other touches',
  weights: { FIRST: 0.3, LC: 0.3, OC: 0.3, MID: 0.1 },
});
