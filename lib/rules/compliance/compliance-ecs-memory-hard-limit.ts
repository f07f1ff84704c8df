import { defineRule, violationsFor } from '../rule.js';
import { describeContainer } from './container-identity.js';

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
    return violationsFor(workload.containers, (container) =>
      (container.ecs?.memoryMiB ?? container.memoryLimitMiB) !== null
        ? null
        : {
            message: `${describeContainer(container)} sets no memory hard limit${
              container.ecs?.memoryReservationMiB != null
                ? ` (only a soft memoryReservation of ${container.ecs.memoryReservationMiB} MiB)`
                : ''
            }`,
          },
    );
  },
});
