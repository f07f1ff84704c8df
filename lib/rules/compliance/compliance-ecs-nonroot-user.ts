import type { Container, Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import {
  configuredUser,
  containerResult,
  containerResultWith,
  containerViolations,
  isRootUser,
  taskDefinitionOf,
} from './container-identity.js';

/** The Config rule is documented for EC2 launch type containers; absent compatibilities default to EC2. */
function mayRunOnEc2(workload: Workload): boolean {
  const required = taskDefinitionOf(workload).requiresCompatibilities;
  return workload.launchType === 'EC2' || required.length === 0 || required.includes('EC2');
}

const specifiesNoUser = containerResult(' does not specify a user');
const specifiesRoot = containerResultWith((user: string) => ` specifies the root user ("${user}")`);

function userViolations(container: Container): readonly Violation[] {
  const user = configuredUser(container);
  if (user === null) return specifiesNoUser(container);
  return isRootUser(user) ? specifiesRoot(container, user) : NO_VIOLATIONS;
}

/** compliance-ecs-nonroot-user: EC2 launch type container does not specify a non-root user. */
export const complianceEcsNonrootUser = defineRule({
  id: 'compliance-ecs-nonroot-user',
  scope: 'ecs',
  category: 'compliance',
  severity: 'advisory',
  title: 'EC2 launch type container does not specify a non-root user',
  rationale:
    'On EC2 a root container shares the kernel of an instance that also runs the ECS agent and other tasks, so escaping it compromises them all. The Config rule covers task definitions that can run on EC2; Windows containers are left to ECS.21, which knows their administrator accounts.',
  fix: 'Set "user" to a non-root UID on every container of the task definition.',
  docsUrl: 'https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-nonroot-user.html',
  verifiedAt: '2026-11-27',
  control: 'AWS Config ecs-task-definition-nonroot-user',
  evaluate(workload) {
    if (workload.os === 'windows' || !mayRunOnEc2(workload)) return NO_VIOLATIONS;
    return containerViolations(workload.containers, userViolations);
  },
});
