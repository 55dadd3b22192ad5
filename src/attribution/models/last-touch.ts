// Last touch (ATTRIBUTION.md §2.2): 100% to the last touch before close.

import { presetModel } from './positional.js';

export const lastTouch = presetModel({
  id: 'last_touch',
  label: 'Last touch',
  summary: '100% to the last touch before close',
  weights: { LAST: 1 },
});
