import type { Violation } from '../rule.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { containersExceedTask } from './shared/container-reservations.js';
import { containersThat } from './shared/wording.js';

/** ecs-container-sum-exceeds-task: container reservations must fit inside the task size. */
export const ecsContainerSumExceedsTask = defineRule({
  id: 'ecs-container-sum-exceeds-task',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Containers reserve more than the task size',
  rationale:
    'On Fargate the containers share the task-level cpu and memory: the container cpu values must add up to ' +
    'no more than the task cpu, and no container memory limit or reservation (nor their sum) may exceed the task memory.',
  fix: 'Raise the task size to a valid Fargate pair that covers the containers, or lower the container reservations.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['sizeConcern'],
  evaluate(workload) {
    const task = workload.ecs;
    if (!task || !containersExceedTask(workload.containers, task.cpuUnits, task.memoryMiB))
      return NO_VIOLATIONS;
    const withDetail = workload.containers.flatMap((c) => (c.ecs ? [{ name: c.name, ecs: c.ecs }] : []));
    const violations: Violation[] = [];
    if (task.cpuUnits !== null) {
      const cpuUsers = withDetail.filter((c) => (c.ecs.cpuUnits ?? 0) > 0);
      const total = cpuUsers.reduce((sum, c) => sum + (c.ecs.cpuUnits ?? 0), 0);
      if (total > task.cpuUnits) {
        violations.push({
          message: `${containersThat(cpuUsers, 'reserves', 'reserve')} cpu ${total} in total, more than the task cpu ${task.cpuUnits}`,
        });
      }
    }
    if (task.memoryMiB !== null) {
      const taskMemory = task.memoryMiB;
      const oversized = withDetail.filter(
        (c) => (c.ecs.memoryMiB ?? 0) > taskMemory || (c.ecs.memoryReservationMiB ?? 0) > taskMemory,
      );
      for (const c of oversized) {
        const field =
          (c.ecs.memoryMiB ?? 0) > taskMemory
            ? `memory ${c.ecs.memoryMiB} MiB`
            : `memoryReservation ${c.ecs.memoryReservationMiB} MiB`;
        violations.push({
          message: `container "${c.name}" sets ${field}, more than the task memory ${taskMemory} MiB`,
        });
      }
      if (oversized.length === 0) {
        const reservers = withDetail.filter((c) => (c.ecs.memoryReservationMiB ?? c.ecs.memoryMiB ?? 0) > 0);
        const total = reservers.reduce(
          (sum, c) => sum + (c.ecs.memoryReservationMiB ?? c.ecs.memoryMiB ?? 0),
          0,
        );
        if (total > taskMemory) {
          violations.push({
            message: `${containersThat(reservers, 'reserves', 'reserve')} ${total} MiB of memory in total, more than the task memory ${taskMemory} MiB`,
          });
        }
      }
    }
    return violations;
  },
});
