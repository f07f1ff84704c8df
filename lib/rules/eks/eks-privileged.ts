import type { Container } from '../../model/workload.js';
import { containerResult } from '../compliance/container-identity.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { describedWhere, joinList } from './shared/containers.js';

const isPrivileged = (container: Container) => container.privileged;

/** The usual finding, one privileged container, shared by every pod with a container of that name. */
const runsPrivileged = containerResult(' runs privileged.');

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
    let first: Container | null = null;
    let count = 0;
    for (const container of workload.containers) {
      if (!container.privileged) continue;
      first ??= container;
      count += 1;
    }
    if (first === null) return NO_VIOLATIONS;
    if (count === 1) return runsPrivileged(first);
    return [{ message: `${joinList(describedWhere(workload.containers, isPrivileged)!)} run privileged.` }];
  },
});
