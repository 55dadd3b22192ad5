// Last non-direct touch (ATTRIBUTION.md §2.2): 100% to the last touch that is not direct traffic (the last touch if all are direct).

import { presetModel } from './positional.js';

export const lastNonDirect = presetModel({
  id: 'last_non_direct',
  label: 'Last non-direct touch',
  summary: '100% to the last touch that is not direct traffic (the last touch if all are direct)',
  weights: { LND: 1 },
});
