import type { Rule } from '../rule.js';

/** Explicit index of the ecs rules (bundler-friendly: no directory scanning). */
export const ecsRules: readonly Rule[] = [];
