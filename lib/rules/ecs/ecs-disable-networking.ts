import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation, violationsFor } from '../rule.js';

function disablesNetworking(c: Container): Violation | null {
  return c.ecs?.disableNetworking ? { message: `container "${c.name}" sets disableNetworking: true` } : null;
}

/** ecs-disable-networking: disableNetworking is not valid on Fargate. */
export const ecsDisableNetworking = defineRule({
  id: 'ecs-disable-networking',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Networking disabled for a container',
  rationale:
    'disableNetworking is not valid in Fargate task definitions: every container shares the task ENI.',
  fix: 'Remove disableNetworking; isolate the task with a security group that has no rules.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['containerNetworking'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.ecs?.disableNetworking) return violationsFor(workload.containers, disablesNetworking);
    }
    return NO_VIOLATIONS;
  },
});
