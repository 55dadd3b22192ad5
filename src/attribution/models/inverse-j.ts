// Inverse J (ATTRIBUTION.md §2.2): a position preset;
// its weights, label and summary are the domain's, modelInfo('inverse_j').

import { presetModel } from './positional.js';

export const inverseJ = presetModel('inverse_j');
