import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { containerResult, containerViolations } from './container-identity.js';

const setsWritable = containerResult(' sets readonlyRootFilesystem: false');
const leavesWritable = containerResult(
  ' does not set readonlyRootFilesystem, so its root filesystem is writable',
);

function writableRootViolations(container: Container): readonly Violation[] {
  if (container.readOnlyRootFilesystem === true) return NO_VIOLATIONS;
  return container.readOnlyRootFilesystem === false ? setsWritable(container) : leavesWritable(container);
}

/** compliance-ecs-readonly-root-filesystem: Container root filesystem is writable. */
export const complianceEcsReadonlyRootFilesystem = defineRule({
  id: 'compliance-ecs-readonly-root-filesystem',
  scope: 'ecs',
  category: 'compliance',
  severity: 'advisory',
  title: 'Container root filesystem is writable',
  rationale:
    'A writable root filesystem lets an attacker who gains code execution change binaries and configuration inside the container. Linux only: Windows containers do not support readonlyRootFilesystem.',
  fix: 'Set "readonlyRootFilesystem": true and mount volumes (or tmpfs) for the paths the application writes to.',
  docsUrl: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-5',
  verifiedAt: '2026-11-27',
  control:
    'Security Hub ECS.5; AWS Config ecs-containers-readonly-access; Prowler ecs_task_definitions_containers_readonly_access',
  evaluate(workload) {
    if (workload.os === 'windows') return NO_VIOLATIONS;
    return containerViolations(workload.containers, writableRootViolations);
  },
});
