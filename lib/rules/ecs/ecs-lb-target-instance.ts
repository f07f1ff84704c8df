import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** ecs-lb-target-instance: Fargate tasks register by IP. */
export const ecsLbTargetInstance = defineRule({
  id: 'ecs-lb-target-instance',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Target group with instance targets',
  rationale: 'Fargate tasks have no EC2 instance to register; their target groups must use target type ip.',
  fix: 'Create a target group with target type ip (the type cannot be changed in place) and point the service at it.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['loadBalancers'],
  evaluate(workload) {
    const types = workload.ecs?.service?.targetTypes;
    if (types === undefined || types.length === 0) return NO_VIOLATIONS;
    const instanceTargets = types.filter((t) => t.toLowerCase() === 'instance').length;
    if (instanceTargets === 0) return NO_VIOLATIONS;
    return [
      {
        message: `${instanceTargets} of the service's target groups ${instanceTargets === 1 ? 'uses' : 'use'} target type instance`,
      },
    ];
  },
});
