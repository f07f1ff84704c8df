import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { containerResult, containerViolations } from './container-identity.js';

const allowsEscalation = containerResult(' sets allowPrivilegeEscalation: true');
const leavesEscalation = containerResult(
  ' does not set allowPrivilegeEscalation: false, so escalation is allowed',
);

function escalationViolations(container: Container): readonly Violation[] {
  if (container.allowPrivilegeEscalation === false) return NO_VIOLATIONS;
  return container.allowPrivilegeEscalation === true
    ? allowsEscalation(container)
    : leavesEscalation(container);
}

/** compliance-eks-privilege-escalation: Container allows privilege escalation. */
export const complianceEksPrivilegeEscalation = defineRule({
  id: 'compliance-eks-privilege-escalation',
  scope: 'eks',
  category: 'compliance',
  severity: 'advisory',
  title: 'Container allows privilege escalation',
  rationale:
    'Unless allowPrivilegeEscalation is false, a process can gain more privileges than its parent (setuid binaries, file capabilities). Kubernetes allows it when the field is unset, so the Pod Security Standards restricted profile requires an explicit false on Linux.',
  fix: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  docsUrl: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
  verifiedAt: '2026-11-27',
  control: 'Kubernetes Pod Security Standards, restricted: Privilege Escalation',
  evaluate(workload) {
    if (workload.os === 'windows') return NO_VIOLATIONS;
    return containerViolations(workload.containers, escalationViolations);
  },
});
