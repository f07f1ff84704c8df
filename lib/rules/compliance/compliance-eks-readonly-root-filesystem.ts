import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { containerResult, containerViolations } from './container-identity.js';

const setsWritable = containerResult(' sets readOnlyRootFilesystem: false');
const leavesWritable = containerResult(
  ' does not set readOnlyRootFilesystem, so its root filesystem is writable',
);

function writableRootViolations(container: Container): readonly Violation[] {
  if (container.readOnlyRootFilesystem === true) return NO_VIOLATIONS;
  return container.readOnlyRootFilesystem === false ? setsWritable(container) : leavesWritable(container);
}

/** compliance-eks-readonly-root-filesystem: Container root filesystem is writable. */
export const complianceEksReadonlyRootFilesystem = defineRule({
  id: 'compliance-eks-readonly-root-filesystem',
  scope: 'eks',
  category: 'compliance',
  severity: 'advisory',
  title: 'Container root filesystem is writable',
  rationale:
    'A writable root filesystem lets an intruder change binaries and configuration inside the container. Linux only: Windows pods do not support readOnlyRootFilesystem.',
  fix: 'Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes for the paths the application writes to.',
  docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  verifiedAt: '2026-11-27',
  control: 'Kubernetes securityContext.readOnlyRootFilesystem (analogue of Security Hub ECS.5)',
  evaluate(workload) {
    if (workload.os === 'windows') return NO_VIOLATIONS;
    return containerViolations(workload.containers, writableRootViolations);
  },
});
