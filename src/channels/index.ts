export {
  compileRules,
  type ClassifiableTouch,
  type Classification,
  type CompiledRules,
} from './rules.js';
export { DEFAULT_RULES } from './taxonomy.js';

import { channelRulesSchema, type ChannelRules } from '../domain/index.js';
import { compileRules, type CompiledRules } from './rules.js';
import { DEFAULT_RULES } from './taxonomy.js';

/** The portal's rules (validated) on top of the defaults. */
export function portalClassifier(
  rules: ChannelRules = channelRulesSchema.parse({}),
): CompiledRules {
  return compileRules(rules, DEFAULT_RULES);
}
