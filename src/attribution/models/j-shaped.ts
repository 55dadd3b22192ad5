// J-shaped (ATTRIBUTION.md §2.2): a position preset;
// its weights, label and summary are the domain's, modelInfo('j_shaped').

import { presetModel } from './positional.js';

export const jShaped = presetModel('j_shaped');
