// Linear (ATTRIBUTION.md §2.2): a position preset;
// its weights, label and summary are the domain's, modelInfo('linear').

import { presetModel } from './positional.js';

export const linear = presetModel('linear');
