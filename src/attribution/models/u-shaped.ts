// U-shaped (ATTRIBUTION.md §2.2): 40% first touch, 40% lead creation, 20% split over the other touches.

import { presetModel } from './positional.js';

export const uShaped = presetModel({
  id: 'u_shaped',
  label: 'U-shaped',
  summary: '40% first touch, 40% lead creation, 20% split over the other touches',
  weights: { FIRST: 0.4, LC: 0.4, MID: 0.2 },
});
