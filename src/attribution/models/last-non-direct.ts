// Last non-direct touch (ATTRIBUTION.md §2.2): a position preset;
// its weights, label and summary are the domain's, modelInfo('last_non_direct').

import { presetModel } from './positional.js';

export const lastNonDirect = presetModel('last_non_direct');
