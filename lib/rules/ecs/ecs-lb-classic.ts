import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** ecs-lb-classic: Fargate services cannot use Classic Load Balancers. */
export const ecsLbClassic = defineRule({
  id: 'ecs-lb-classic',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Classic Load Balancer',
  rationale:
    'awsvpc and Fargate services support only Application and Network Load Balancers, not Classic ones.',
  fix: 'Move the service behind an ALB or NLB target group with target type ip.',
  docsUrl:
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecs-service-loadbalancer.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['loadBalancers'],
  evaluate(workload) {
    const count = workload.ecs?.service?.classicLoadBalancers ?? 0;
    if (count === 0) return NO_VIOLATIONS;
    return [
      {
        message: `the service is registered with ${count} Classic Load Balancer${count === 1 ? '' : 's'} (loadBalancerName)`,
      },
    ];
  },
});
