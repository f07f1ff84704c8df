import type { Rule } from '../rule.js';

/** Explicit index of the compliance rules (bundler-friendly: no directory scanning). */
export const complianceRules: readonly Rule[] = [];
