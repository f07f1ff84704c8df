import type { Violation } from '../rule.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** ecs-placement-constraints: Fargate does not support task placement constraints. */
export const ecsPlacementConstraints = defineRule({
  id: 'ecs-placement-constraints',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Placement constraints',
  rationale:
    'Task placement constraints are not supported for tasks on Fargate; Fargate spreads tasks across Availability ' +
    'Zones by itself. memberOf expressions that pin tasks to instance attributes lose their meaning.',
  fix: 'Remove placementConstraints from the task definition and the service or RunTask call.',
  docsUrl:
    'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinitionPlacementConstraint.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['placement'],
  evaluate(workload) {
    const onTask = workload.ecs?.placementConstraints ?? 0;
    const onService = workload.ecs?.service?.placementConstraints ?? 0;
    if (!(onTask > 0) && !(onService > 0)) return NO_VIOLATIONS;
    const violations: Violation[] = [];
    if (onTask > 0) violations.push({ message: `the task definition sets placementConstraints (${onTask})` });
    if (onService > 0) violations.push({ message: `the service sets placementConstraints (${onService})` });
    return violations;
  },
});
