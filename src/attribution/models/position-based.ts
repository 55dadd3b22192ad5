// Position-based (40/20/40) (ATTRIBUTION.md §2.2): a position preset;
// its weights, label and summary are the domain's, modelInfo('position_based').

import { presetModel } from './positional.js';

export const positionBased = presetModel('position_based');
