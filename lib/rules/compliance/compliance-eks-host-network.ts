import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** compliance-eks-host-network: Pod uses the host network. */
export const complianceEksHostNetwork = defineRule({
  id: 'compliance-eks-host-network',
  scope: 'eks',
  category: 'compliance',
  severity: 'advisory',
  title: 'Pod uses the host network',
  rationale:
    'hostNetwork puts the pod on the node network stack: it bypasses network policies and pod security groups and can reach node-local services such as the kubelet and instance metadata.',
  fix: 'Remove hostNetwork and expose the pod through a Service.',
  docsUrl: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['hostNetwork'],
  control: 'Kubernetes Pod Security Standards, baseline: Host Namespaces (analogue of Security Hub ECS.17)',
  evaluate(workload) {
    if (!workload.hostNetwork) return NO_VIOLATIONS;
    return [{ message: `${workload.kind} ${workload.name} sets hostNetwork: true` }];
  },
});
