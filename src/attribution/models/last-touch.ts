// Last touch (ATTRIBUTION.md §2.2): a position preset;
// its weights, label and summary are the domain's, modelInfo('last_touch').

import { presetModel } from './positional.js';

export const lastTouch = presetModel('last_touch');
