import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** ecs-placement-strategy: placement strategies are an EC2 capacity concept. */
export const ecsPlacementStrategy = defineRule({
  id: 'ecs-placement-strategy',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Placement strategy',
  rationale:
    'Placement strategies (binpack, spread by instance, random) choose among container instances, which Fargate ' +
    'does not have. How the API treats them for Fargate services is unverified, so they should be removed.',
  fix: 'Remove placementStrategy from the service or RunTask call.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['placement'],
  evaluate(workload) {
    const count = workload.ecs?.service?.placementStrategies ?? 0;
    if (count === 0) return NO_VIOLATIONS;
    return [
      { message: `the service sets placementStrategy (${count} ${count === 1 ? 'entry' : 'entries'})` },
    ];
  },
});
