// Full path (ATTRIBUTION.md §2.2): a position preset;
// its weights, label and summary are the domain's, modelInfo('full_path').

import { presetModel } from './positional.js';

export const fullPath = presetModel('full_path');
