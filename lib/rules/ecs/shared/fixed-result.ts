import type { Violation } from '../../rule.js';

/**
 * The result of a rule whose violation never varies, built once and frozen: the rules that fire on
 * most EC2 workloads (no task role, no network configuration) then share it instead of allocating
 * a copy per workload.
 */
export function fixedResult(violation: Violation): readonly Violation[] {
  return Object.freeze([Object.freeze({ ...violation })]);
}
