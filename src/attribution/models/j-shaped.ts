// J-shaped (ATTRIBUTION.md §2.2): 20% first touch, 60% last touch, 20% split over the touches in between.

import { presetModel } from './positional.js';

export const jShaped = presetModel({
  id: 'j_shaped',
  label: 'J-shaped',
  summary: '20% first touch, 60% last touch, 20% split over the touches in between',
  weights: { FIRST: 0.2, LAST: 0.6, MID: 0.2 },
});
