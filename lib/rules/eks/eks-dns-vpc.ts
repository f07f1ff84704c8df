import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** VPCs without DNS resolution and DNS hostnames. */
export const eksDnsVpc = defineRule({
  id: 'eks-dns-vpc',
  scope: 'eks',
  category: 'fargate',
  severity: 'fixable',
  title: 'VPC DNS resolution and hostnames must be enabled',
  rationale: 'Fargate pods need DNS resolution and DNS hostnames enabled on the cluster VPC.',
  fix: 'Enable enableDnsSupport and enableDnsHostnames on the VPC.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['clusterConcerns'],
  evaluate(workload) {
    if (workload.eks?.clusterContext?.vpcDnsEnabled !== false) return NO_VIOLATIONS;
    return [{ message: 'The cluster VPC does not have both DNS resolution and DNS hostnames enabled.' }];
  },
});
