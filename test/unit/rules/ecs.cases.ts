import type { RuleCases } from '../../support/rule-cases.js';

/** Passing and failing examples for every ecs rule (read by the catalogue meta-test). */
export const ecsCases: RuleCases = {};
