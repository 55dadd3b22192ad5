// W-shaped (ATTRIBUTION.md §2.2): a position preset;
// its weights, label and summary are the domain's, modelInfo('w_shaped').

import { presetModel } from './positional.js';

export const wShaped = presetModel('w_shaped');
