import type { Workload } from '../../lib/model/workload.js';

/**
 * Examples per rule id: every `fail` workload must draw at least one violation from the rule and
 * every `pass` workload none. The catalogue meta-test runs them for every rule.
 */
export type RuleCases = Readonly<
  Record<string, { readonly pass: readonly Workload[]; readonly fail: readonly Workload[] }>
>;
