import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation, violationsFor } from '../rule.js';

function setsExtraHosts(c: Container): Violation | null {
  const count = c.ecs?.extraHosts ?? 0;
  if (count === 0) return null;
  return { message: `container "${c.name}" sets extraHosts (${count} ${count === 1 ? 'entry' : 'entries'})` };
}

/** ecs-extra-hosts: extraHosts is not supported in awsvpc mode. */
export const ecsExtraHosts = defineRule({
  id: 'ecs-extra-hosts',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Extra /etc/hosts entries',
  rationale:
    'extraHosts is not supported for tasks that use the awsvpc network mode, which Fargate requires.',
  fix: 'Remove extraHosts; use DNS (a Route 53 private hosted zone) or write /etc/hosts in the entrypoint.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['containerNetworking'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if ((c.ecs?.extraHosts ?? 0) !== 0) return violationsFor(workload.containers, setsExtraHosts);
    }
    return NO_VIOLATIONS;
  },
});
