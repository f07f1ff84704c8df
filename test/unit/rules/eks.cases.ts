import type { RuleCases } from '../../support/rule-cases.js';

/** Passing and failing examples for every eks rule (read by the catalogue meta-test). */
export const eksCases: RuleCases = {};
