import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask, REMOVE_LINUX_ONLY_ON_WINDOWS } from './shared/operating-system.js';

const isPrivileged = (c: Container): boolean => c.privileged;

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
  evaluate(workload) {
    if (!workload.containers.some(isPrivileged)) return NO_VIOLATIONS;
    const windows = isWindowsTask(workload);
    return workload.containers.filter(isPrivileged).map((c) =>
      windows
        ? {
            message: `container "${c.name}" sets privileged: true, which Windows containers do not support`,
            severity: 'fixable' as const,
            fix: REMOVE_LINUX_ONLY_ON_WINDOWS,
          }
        : { message: `container "${c.name}" sets privileged: true` },
    );
  },
});
