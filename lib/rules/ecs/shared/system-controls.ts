import type { Workload } from '../../../model/workload.js';

const NAMESPACED_KERNEL_KEYS = new Set([
  'kernel.msgmax',
  'kernel.msgmnb',
  'kernel.msgmni',
  'kernel.sem',
  'kernel.shmall',
  'kernel.shmmax',
  'kernel.shmmni',
  'kernel.shm_rmid_forced',
]);

/**
 * True for the sysctls Fargate accepts: the network and IPC ones that live in the task's own
 * namespaces (`net.*`, `fs.mqueue.*` and the System V IPC `kernel.*` keys).
 */
export function isNamespacedSysctl(key: string): boolean {
  const name = key.trim().toLowerCase();
  return name.startsWith('net.') || name.startsWith('fs.mqueue.') || NAMESPACED_KERNEL_KEYS.has(name);
}

/** A sysctl key and where it is set: `the task` or `container "x"`. */
export interface SysctlUse {
  readonly key: string;
  readonly where: string;
}

/** True when the task or any of its containers sets systemControls (most set none). */
export function hasSysctls(workload: Workload): boolean {
  if ((workload.ecs?.systemControls.length ?? 0) > 0) return true;
  for (const c of workload.containers) {
    if ((c.ecs?.systemControls.length ?? 0) > 0) return true;
  }
  return false;
}

/** Every systemControls key of the task and its containers, task-level first. */
export function sysctlUses(workload: Workload): SysctlUse[] {
  return [
    ...(workload.ecs?.systemControls ?? []).map((key) => ({ key, where: 'the task' })),
    ...workload.containers.flatMap((c) =>
      (c.ecs?.systemControls ?? []).map((key) => ({ key, where: `container "${c.name}"` })),
    ),
  ];
}

/** `the task sets a, b; container "x" sets c`. */
export function describeSysctlUses(uses: readonly SysctlUse[]): string {
  const byWhere = new Map<string, string[]>();
  for (const use of uses) byWhere.set(use.where, [...(byWhere.get(use.where) ?? []), use.key]);
  return [...byWhere.entries()]
    .map(([where, keys]) => `${where} sets systemControls ${keys.join(', ')}`)
    .join('; ');
}
