// The portal's channel rules as the admin saved them in settings, compiled over the defaults.
// Invalid stored rules (which validation on save prevents) fall back to the defaults, loudly.

import { channelRulesSchema, portalClassifier, type CompiledRules } from '../channels/index.js';
import type { Store } from '../store/store.js';

export async function portalRules(store: Store, portalId: number): Promise<CompiledRules> {
  const settings = await store.currentSettings(portalId);
  const raw = settings?.settings['channelRules'];
  if (raw === undefined) return portalClassifier();
  const parsed = channelRulesSchema.safeParse(raw);
  if (!parsed.success) {
    process.emitWarning(`portal ${portalId}: stored channel rules are invalid; using the defaults`);
    return portalClassifier();
  }
  return portalClassifier(parsed.data);
}
