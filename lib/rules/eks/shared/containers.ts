import type { Container } from '../../../model/workload.js';

/**
 * How a container is named in messages: init containers and native sidecars are called out, because
 * a user who reads only the app containers of a manifest would otherwise not find the culprit. One
 * implementation with the compliance rules, which name containers the same way.
 */
export { containerViolations, describeContainer } from '../../compliance/container-identity.js';

import { describeContainer } from '../../compliance/container-identity.js';

/** How the containers that pass `test` are named in messages, in order; null (nothing built) when none does. */
export function describedWhere(
  containers: readonly Container[],
  test: (container: Container) => boolean,
): string[] | null {
  let described: string[] | null = null;
  for (const container of containers) {
    if (!test(container)) continue;
    if (described === null) described = [];
    described.push(describeContainer(container));
  }
  return described;
}

/** `a, b and c` — for short lists in finding messages. */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Pod-level effective value of a per-container quantity, the way Kubernetes and Fargate size a pod:
 * the larger of Σ(app + native sidecar containers) and the largest init container.
 * `quantityOf` returns null when the container sets nothing; such containers count as 0.
 */
export function podEffectiveTotal(
  containers: readonly Container[],
  quantityOf: (container: Container) => number | null,
): number {
  let running = 0;
  let largestInit = 0;
  for (const container of containers) {
    const value = quantityOf(container) ?? 0;
    if (container.role === 'init') largestInit = Math.max(largestInit, value);
    else running += value;
  }
  return Math.max(running, largestInit);
}

/** vCPU for a figure in ECS CPU units (1024 = 1 vCPU), trimmed to at most three decimals. */
export function formatVcpu(cpuUnits: number): string {
  return `${Number((cpuUnits / 1024).toFixed(3))} vCPU`;
}

/** MiB figure with its GiB equivalent when that reads better. */
export function formatMiB(mib: number): string {
  const rounded = Math.round(mib);
  if (rounded < 1024) return `${rounded} MiB`;
  return `${rounded} MiB (${Number((rounded / 1024).toFixed(2))} GiB)`;
}
