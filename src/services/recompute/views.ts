// A card view's identity without building it: the view is a function of the deal's stored journey,
// every shown model's outcome, the settings version, the model it shows and the code that builds
// it (VIEW_VERSION). A recompute keys each view by those, builds and serialises only the views
// whose key changed, and stores the JSON text the web role serves as is.

import { createHash } from 'node:crypto';
import { VIEW_VERSION } from '../deal-view.js';

export interface ViewInputs {
  readonly settingsVersion: number;
  /** The shown models, in order (the view's comparison follows it). */
  readonly models: readonly string[];
  /** The stored journey's hash (journeyHash). */
  readonly journey: string;
  /** Per shown model: its result's hash, or why it has none. */
  readonly outcomes: readonly string[];
}

/** The key of the view of `model` built from these inputs. */
export function viewKey(inputs: ViewInputs, model: string): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        VIEW_VERSION,
        inputs.settingsVersion,
        model,
        inputs.models,
        inputs.journey,
        inputs.outcomes,
      ]),
    )
    .digest('hex');
}
