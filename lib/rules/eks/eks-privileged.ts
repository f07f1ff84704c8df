import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { describedWhere, joinList } from './shared/containers.js';

const isPrivileged = (container: Container) => container.privileged;

/** Privileged containers, init containers and native sidecars included. */
export const eksPrivileged = defineRule({
  id: 'eks-privileged',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'Privileged containers are not supported on Fargate',
  rationale:
    'The Fargate scheduler rejects pods with securityContext.privileged: true in any container, init ' +
    'containers included ("invalid SecurityContext fields: Privileged").',
  fix: 'Remove privileged: true if the container does not need host-level access; otherwise keep it on EC2 nodes.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['privileged'],
  evaluate(workload) {
    const privileged = describedWhere(workload.containers, isPrivileged);
    if (privileged === null) return NO_VIOLATIONS;
    return [{ message: `${joinList(privileged)} ${privileged.length === 1 ? 'runs' : 'run'} privileged.` }];
  },
});
