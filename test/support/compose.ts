// The composition root over a store a test has opened (and seeded): the production app's
// services and use-cases, composed as `start` composes them.

import { composeApp, type ComposedApp, type ComposeOptions } from '../../src/app/index.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/store/index.js';

export async function composeWithStore(
  store: Store,
  env: Record<string, string> = {},
  options: Omit<ComposeOptions, 'config' | 'store'> = {},
): Promise<ComposedApp> {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return composeApp({ config: loaded.config, store, ...options });
}
