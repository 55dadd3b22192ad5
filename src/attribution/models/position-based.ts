// Position-based (40/20/40) (ATTRIBUTION.md §2.2): 40% first touch, 40% last touch, 20% split over the touches in between.

import { presetModel } from './positional.js';

export const positionBased = presetModel({
  id: 'position_based',
  label: 'Position-based (40/20/40)',
  summary: '40% first touch, 40% last touch, 20% split over the touches in between',
  weights: { FIRST: 0.4, LAST: 0.4, MID: 0.2 },
});
