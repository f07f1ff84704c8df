import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import {
  configuredUser,
  containerResult,
  containerResultWith,
  containerViolations,
  isRootUser,
} from './container-identity.js';

const setsNoUser = containerResult(' sets no user, so it runs as the image default (usually root)');
const runsAsRoot = containerResultWith((user: string) => ` runs as root (user "${user}")`);

function userViolations(container: Container): readonly Violation[] {
  const user = configuredUser(container);
  if (user === null) return setsNoUser(container);
  return isRootUser(user) ? runsAsRoot(container, user) : NO_VIOLATIONS;
}

/** compliance-ecs-linux-user-non-root: Linux container does not run as a non-root user. */
export const complianceEcsLinuxUserNonRoot = defineRule({
  id: 'compliance-ecs-linux-user-non-root',
  scope: 'ecs',
  category: 'compliance',
  severity: 'advisory',
  title: 'Linux container does not run as a non-root user',
  rationale:
    'A container without a "user" runs as the image default, which is root for most images; root in a container is one kernel bug away from root on the host.',
  fix: 'Set "user" to a non-root UID (for example "1000" or "1000:1000") that owns the files the application needs.',
  docsUrl: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-20',
  verifiedAt: '2026-11-27',
  control: 'Security Hub ECS.20; AWS Config ecs-task-definition-linux-user-non-root',
  evaluate(workload) {
    if (workload.os === 'windows') return NO_VIOLATIONS;
    return containerViolations(workload.containers, userViolations);
  },
});
