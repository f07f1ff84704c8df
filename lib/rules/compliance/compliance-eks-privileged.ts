import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { containerResult, containerViolations } from './container-identity.js';

const setsPrivileged = containerResult(' sets securityContext.privileged: true');

function privilegedViolations(container: Container): readonly Violation[] {
  return container.privileged ? setsPrivileged(container) : NO_VIOLATIONS;
}

/** compliance-eks-privileged: Container runs privileged. */
export const complianceEksPrivileged = defineRule({
  id: 'compliance-eks-privileged',
  scope: 'eks',
  category: 'compliance',
  severity: 'advisory',
  title: 'Container runs privileged',
  rationale:
    'Privileged containers disable most security mechanisms and get every device and capability of the node; the Pod Security Standards baseline profile forbids them.',
  fix: 'Remove securityContext.privileged (or set it false) and add only the capabilities the container needs.',
  docsUrl: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['privileged'],
  control:
    'Kubernetes Pod Security Standards, baseline: Privileged Containers (analogue of Security Hub ECS.4)',
  evaluate(workload) {
    return containerViolations(workload.containers, privilegedViolations);
  },
});
