// U-shaped (ATTRIBUTION.md §2.2): a position preset;
// its weights, label and summary are the domain's, modelInfo('u_shaped').

import { presetModel } from './positional.js';

export const uShaped = presetModel('u_shaped');
