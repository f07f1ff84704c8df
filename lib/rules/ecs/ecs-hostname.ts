import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation, violationsFor } from '../rule.js';

function setsHostname(c: Container): Violation | null {
  return c.ecs?.hostname ? { message: `container "${c.name}" sets hostname` } : null;
}

/** ecs-hostname: hostname is not supported in awsvpc mode. */
export const ecsHostname = defineRule({
  id: 'ecs-hostname',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Container hostname',
  rationale: 'The hostname parameter is not supported in the awsvpc network mode that Fargate requires.',
  fix: 'Remove hostname; discover the task through its private IP, Service Connect or Cloud Map instead.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['containerNetworking'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.ecs?.hostname) return violationsFor(workload.containers, setsHostname);
    }
    return NO_VIOLATIONS;
  },
});
