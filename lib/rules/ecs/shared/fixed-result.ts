import type { Violation } from '../../rule.js';

/**
 * The result of a rule whose violation never varies, built once and frozen: the rules that fire on
 * most EC2 workloads (no task role, no network configuration) then share it instead of allocating
 * a copy per workload.
 *
 * `violation` itself is frozen, not a copy of it: pass a new object literal. A copy made by spreading
 * gets a shape of its own, at times a new one per copy, and the engine code that reads every
 * violation slows down once it has seen more than four shapes.
 */
export function fixedResult(violation: Violation): readonly Violation[] {
  return Object.freeze([Object.freeze(violation)]);
}
