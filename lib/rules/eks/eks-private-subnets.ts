import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** Fargate profile subnets that route to an Internet Gateway. */
export const eksPrivateSubnets = defineRule({
  id: 'eks-private-subnets',
  scope: 'eks',
  category: 'fargate',
  severity: 'fixable',
  title: 'Fargate profile subnets must be private',
  rationale:
    'Fargate pods run only in private subnets (NAT or VPC endpoints for AWS services, no direct route to an ' +
    'Internet Gateway) and get no public IP; CreateFargateProfile accepts only private subnets.',
  fix: 'Use private subnets with a NAT gateway or VPC endpoints for the Fargate profile.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['clusterConcerns'],
  evaluate(workload) {
    const publicSubnets = workload.eks?.clusterContext?.publicProfileSubnets ?? [];
    if (publicSubnets.length === 0) return NO_VIOLATIONS;
    return [
      {
        message: `Fargate profile subnets ${publicSubnets.join(', ')} route to an Internet Gateway; Fargate pods need private subnets.`,
      },
    ];
  },
});
