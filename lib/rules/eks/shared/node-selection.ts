import { memoizeLastWorkload } from '../../../model/memo.js';
import type { Workload } from '../../../model/workload.js';

/** One node constraint of a pod, as the manifest states it. */
export interface NodeConstraint {
  readonly source: 'nodeSelector' | 'nodeAffinity';
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

const NO_CONSTRAINTS: readonly NodeConstraint[] = Object.freeze([]);

function hasOwnKey(record: Readonly<Record<string, string>>): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/**
 * Every nodeSelector entry and required node-affinity expression of the pod, selector entries first.
 * Four rules read them, so they are listed once per workload (remembered for the last workload).
 */
export const podNodeConstraints: (workload: Workload) => readonly NodeConstraint[] = memoizeLastWorkload(
  (workload) => {
    // Most pods select no nodes at all: answer without listing the selector's entries.
    if (workload.nodeAffinity.length === 0 && !hasOwnKey(workload.nodeSelector)) return NO_CONSTRAINTS;
    const found: NodeConstraint[] = [];
    for (const [key, value] of Object.entries(workload.nodeSelector)) {
      found.push({ source: 'nodeSelector', key, operator: 'In', values: [value] });
    }
    for (const term of workload.nodeAffinity) found.push({ source: 'nodeAffinity', ...term });
    return found;
  },
);

/** The pod's node constraints whose key passes `matchesKey`, in {@link podNodeConstraints} order. */
export function nodeConstraints(
  workload: Workload,
  matchesKey: (key: string) => boolean,
): readonly NodeConstraint[] {
  const all = podNodeConstraints(workload);
  if (all.length === 0) return NO_CONSTRAINTS;
  return all.filter((constraint) => matchesKey(constraint.key));
}

/** Whether one constraint lets a node whose label `key` has `value` through. */
function admits(constraint: NodeConstraint, value: string): boolean {
  const wanted = value.toLowerCase();
  const listed = constraint.values.some((v) => v.toLowerCase() === wanted);
  switch (constraint.operator) {
    case 'In':
      return listed;
    case 'NotIn':
      return !listed;
    case 'DoesNotExist':
      return false;
    default:
      // Exists, Gt, Lt and unknown operators do not single out a value.
      return true;
  }
}

/**
 * True when the pod's node constraints on the given label keys rule out `value` (for example
 * kubernetes.io/arch=amd64). nodeSelector entries are ANDed, so any one that refuses decides.
 * The model flattens the ORed node-affinity terms into one list, so an affinity refuses the value
 * only when none of its expressions on these keys admits it — the reading that never over-blocks.
 */
export function excludesLabelValue(constraints: readonly NodeConstraint[], value: string): boolean {
  if (constraints.length === 0) return false;
  const selectors = constraints.filter((c) => c.source === 'nodeSelector');
  if (selectors.some((c) => !admits(c, value))) return true;
  const affinity = constraints.filter((c) => c.source === 'nodeAffinity');
  return affinity.length > 0 && affinity.every((c) => !admits(c, value));
}

/** `nodeSelector kubernetes.io/arch=arm64`, `nodeAffinity kubernetes.io/arch In [arm64]`. */
export function describeConstraint(constraint: NodeConstraint): string {
  if (constraint.source === 'nodeSelector')
    return `nodeSelector ${constraint.key}=${constraint.values[0] ?? ''}`;
  const values = constraint.values.length > 0 ? ` [${constraint.values.join(', ')}]` : '';
  return `nodeAffinity ${constraint.key} ${constraint.operator}${values}`;
}

/** Node labels that say which capacity type (on-demand or Spot) a node offers. */
export const CAPACITY_TYPE_KEYS: readonly string[] = [
  'eks.amazonaws.com/capacityType',
  'karpenter.sh/capacity-type',
  'node.kubernetes.io/lifecycle',
];

/** True when a constraint on a capacity-type label asks for Spot capacity. */
export function selectsSpot(constraint: NodeConstraint): boolean {
  if (!CAPACITY_TYPE_KEYS.includes(constraint.key)) return false;
  if (constraint.operator !== 'In') return false;
  return constraint.values.some((v) => v.toLowerCase() === 'spot');
}
