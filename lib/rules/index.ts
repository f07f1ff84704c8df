import { complianceRules } from './compliance/index.js';
import { ecsRules } from './ecs/index.js';
import { eksRules } from './eks/index.js';
import type { Rule } from './rule.js';

/** The whole catalogue: every rule, in a stable order. */
export const allRules: readonly Rule[] = [...ecsRules, ...eksRules, ...complianceRules];

export { complianceRules, ecsRules, eksRules };
