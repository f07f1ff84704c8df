import type { Container } from '../../model/workload.js';
import { defineRule, type Violation } from '../rule.js';
import { containerMessage, containerViolations } from './container-identity.js';

const setsNoHardLimit = containerMessage(' sets no memory hard limit');

function hardLimitViolation(container: Container): Violation | null {
  if ((container.ecs?.memoryMiB ?? container.memoryLimitMiB) !== null) return null;
  const reservation = container.ecs?.memoryReservationMiB;
  return {
    message:
      reservation != null
        ? `${setsNoHardLimit(container)} (only a soft memoryReservation of ${reservation} MiB)`
        : setsNoHardLimit(container),
  };
}

/** compliance-ecs-memory-hard-limit: Container has no memory hard limit. */
export const complianceEcsMemoryHardLimit = defineRule({
  id: 'compliance-ecs-memory-hard-limit',
  scope: 'ecs',
  category: 'compliance',
  severity: 'advisory',
  title: 'Container has no memory hard limit',
  rationale:
    'Without a container-level "memory" limit one container can use all the memory of its task (or, on EC2 without a task limit, of the instance) and starve the others; a memoryReservation is only a soft limit.',
  fix: 'Set the container "memory" hard limit (MiB) at or above its memoryReservation.',
  docsUrl:
    'https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-memory-hard-limit.html',
  verifiedAt: '2026-11-27',
  control: 'AWS Config ecs-task-definition-memory-hard-limit',
  evaluate(workload) {
    return containerViolations(workload.containers, hardLimitViolation);
  },
});
