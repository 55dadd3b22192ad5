// First touch (ATTRIBUTION.md §2.2): a position preset;
// its weights, label and summary are the domain's, modelInfo('first_touch').

import { presetModel } from './positional.js';

export const firstTouch = presetModel('first_touch');
