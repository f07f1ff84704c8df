import type { Workload } from '../../model/workload.js';
import { appendResult } from '../compliance/container-identity.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { fixedResultsBy } from './shared/fixed-result.js';
import { isWindowsTask, REMOVE_LINUX_ONLY_ON_WINDOWS } from './shared/operating-system.js';

/** ecs-privileged: Fargate never runs privileged containers. */
export const ecsPrivileged = defineRule({
  id: 'ecs-privileged',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'Privileged container',
  rationale:
    'Fargate does not run privileged containers: a task there has no access to the host kernel or devices.',
  fix: 'Remove privileged only if the container does not really need it; otherwise run it on EC2 or ECS Managed Instances.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['privileged'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.privileged) return privilegedViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** Linux and Windows results by container name, shared by every task with a container of that name. */
const setsPrivileged = fixedResultsBy((name: string) => ({
  message: `container "${name}" sets privileged: true`,
}));
const setsPrivilegedOnWindows = fixedResultsBy(
  (name: string): Violation => ({
    message: `container "${name}" sets privileged: true, which Windows containers do not support`,
    severity: 'fixable',
    fix: REMOVE_LINUX_ONLY_ON_WINDOWS,
  }),
);

/** One violation per privileged container. */
function privilegedViolations(workload: Workload): readonly Violation[] {
  const resultOf = isWindowsTask(workload) ? setsPrivilegedOnWindows : setsPrivileged;
  let found = NO_VIOLATIONS;
  for (const c of workload.containers) {
    if (c.privileged) found = appendResult(found, resultOf(c.name));
  }
  return found;
}
