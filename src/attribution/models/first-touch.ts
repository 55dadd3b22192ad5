// First touch (ATTRIBUTION.md §2.2): 100% to the first touch.

import { presetModel } from './positional.js';

export const firstTouch = presetModel({
  id: 'first_touch',
  label: 'First touch',
  summary: '100% to the first touch',
  weights: { FIRST: 1 },
});
