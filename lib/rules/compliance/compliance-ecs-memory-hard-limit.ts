import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { containerResult, containerResultWith, containerViolations } from './container-identity.js';

const SETS_NO_HARD_LIMIT = ' sets no memory hard limit';
const setsNoHardLimit = containerResult(SETS_NO_HARD_LIMIT);
const setsOnlyReservation = containerResultWith(
  (reservation: number) => `${SETS_NO_HARD_LIMIT} (only a soft memoryReservation of ${reservation} MiB)`,
);

function hardLimitViolations(container: Container): readonly Violation[] {
  if ((container.ecs?.memoryMiB ?? container.memoryLimitMiB) !== null) return NO_VIOLATIONS;
  const reservation = container.ecs?.memoryReservationMiB;
  return reservation != null ? setsOnlyReservation(container, reservation) : setsNoHardLimit(container);
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
    return containerViolations(workload.containers, hardLimitViolations);
  },
});
