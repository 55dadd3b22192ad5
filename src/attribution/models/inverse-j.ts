// Inverse J (ATTRIBUTION.md §2.2): 60% first touch, 20% last touch, 20% split over the touches in between.

import { presetModel } from './positional.js';

export const inverseJ = presetModel({
  id: 'inverse_j',
  label: 'Inverse J',
  summary: '60% first touch, 20% last touch, 20% split over the touches in between',
  weights: { FIRST: 0.6, LAST: 0.2, MID: 0.2 },
});
