import type { Rule } from '../rule.js';

/** Explicit index of the eks rules (bundler-friendly: no directory scanning). */
export const eksRules: readonly Rule[] = [];
