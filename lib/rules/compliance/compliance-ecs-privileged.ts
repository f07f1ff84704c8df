import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { containerResult, containerViolations } from './container-identity.js';

const setsPrivileged = containerResult(' sets privileged: true');

function privilegedViolations(container: Container): readonly Violation[] {
  return container.privileged ? setsPrivileged(container) : NO_VIOLATIONS;
}

/** compliance-ecs-privileged: Container runs privileged. */
export const complianceEcsPrivileged = defineRule({
  id: 'compliance-ecs-privileged',
  scope: 'ecs',
  category: 'compliance',
  severity: 'advisory',
  title: 'Container runs privileged',
  rationale:
    'A privileged container gets elevated rights on the host container instance, close to the root user, and defeats most container isolation.',
  fix: 'Remove "privileged": true; grant only the specific Linux capabilities the container needs.',
  docsUrl: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-4',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['privileged'],
  control:
    'Security Hub ECS.4; AWS Config ecs-containers-nonprivileged; Prowler ecs_task_definitions_no_privileged_containers',
  evaluate(workload) {
    return containerViolations(workload.containers, privilegedViolations);
  },
});
