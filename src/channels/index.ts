export {
  channelIdSchema,
  channelRuleSchema,
  channelRulesSchema,
  compileRules,
  RULE_FIELDS,
  RULE_OPERATORS,
  type ChannelRule,
  type ChannelRules,
  type ClassifiableTouch,
  type Classification,
  type CompiledRules,
} from './rules.js';
export { DEFAULT_RULES } from './taxonomy.js';

import {
  channelRulesSchema,
  compileRules,
  type ChannelRules,
  type CompiledRules,
} from './rules.js';
import { DEFAULT_RULES } from './taxonomy.js';

/** The portal's rules (validated) on top of the defaults. */
export function portalClassifier(
  rules: ChannelRules = channelRulesSchema.parse({}),
): CompiledRules {
  return compileRules(rules, DEFAULT_RULES);
}
