import type { Container } from '../../../model/workload.js';

/**
 * True when the containers reserve more cpu or memory than the task (what ecs-container-sum-exceeds-task
 * reports), worked out in one pass without allocating: the rule and the workload features ask it.
 */
export function containersExceedTask(
  containers: readonly Container[],
  taskCpu: number | null,
  taskMemory: number | null,
): boolean {
  let cpu = 0;
  let reserved = 0;
  let oversized = false;
  for (const c of containers) {
    const d = c.ecs;
    if (!d) continue;
    if ((d.cpuUnits ?? 0) > 0) cpu += d.cpuUnits ?? 0;
    if (taskMemory === null) continue;
    if ((d.memoryMiB ?? 0) > taskMemory || (d.memoryReservationMiB ?? 0) > taskMemory) oversized = true;
    if ((d.memoryReservationMiB ?? d.memoryMiB ?? 0) > 0)
      reserved += d.memoryReservationMiB ?? d.memoryMiB ?? 0;
  }
  if (taskCpu !== null && cpu > taskCpu) return true;
  return taskMemory !== null && (oversized || reserved > taskMemory);
}
