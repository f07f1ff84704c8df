import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** NetworkPolicies that select the pod: VPC CNI policy enforcement does not reach Fargate. */
export const eksNetworkPolicy = defineRule({
  id: 'eks-network-policy',
  scope: 'eks',
  category: 'fargate',
  severity: 'advisory',
  title: 'NetworkPolicies are not enforced on Fargate pods',
  rationale:
    'The Amazon VPC CNI cannot apply Kubernetes network policies to Fargate pods, so a policy that isolates ' +
    'the pod today stops protecting it there.',
  fix: 'Protect the pod with security groups for pods (a SecurityGroupPolicy, supported on Fargate).',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/eks-networking-add-ons.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['networkPolicies'],
  evaluate(workload) {
    const policies = workload.eks?.networkPolicies ?? [];
    if (policies.length === 0) return NO_VIOLATIONS;
    return [
      {
        message: `NetworkPolicies ${policies.map((p) => `"${p}"`).join(', ')} select this pod and would not be enforced on Fargate.`,
      },
    ];
  },
});
