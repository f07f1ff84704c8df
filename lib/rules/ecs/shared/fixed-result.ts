import { BoundedCache } from '../../../model/bounded-cache.js';
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

/** How many values a table of {@link rememberedByValue} keeps before it starts over. */
const REMEMBERED_VALUES = 256;

/**
 * `compute`, remembered by its argument: a primitive (never a workload or a part of one), and bounded,
 * so values that never repeat cost a recomputation now and then, never memory.
 */
export function rememberedByValue<V extends string | number, T>(compute: (value: V) => T): (value: V) => T {
  const remembered = new BoundedCache<V, T>(REMEMBERED_VALUES);
  return (value) => remembered.remembered(value, compute);
}

/**
 * The fixed result of a violation that varies with one value only, which estates repeat (a network
 * mode, a capacity provider): built the first time the value is seen, then shared by every workload
 * with that value.
 */
export function fixedResultsBy<V extends string | number>(
  violationOf: (value: V) => Violation,
): (value: V) => readonly Violation[] {
  return rememberedByValue((value) => fixedResult(violationOf(value)));
}
