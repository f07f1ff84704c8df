import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation, violationsFor } from '../rule.js';

function setsLinks(c: Container): Violation | null {
  const links = c.ecs?.links;
  return links && links.length > 0
    ? { message: `container "${c.name}" sets links ${links.join(', ')}` }
    : null;
}

/** ecs-links: links exist only in bridge mode. */
export const ecsLinks = defineRule({
  id: 'ecs-links',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Container links',
  rationale:
    'links work only in the bridge network mode. In an awsvpc task every container shares one network namespace, ' +
    'so containers reach each other on localhost.',
  fix: 'Remove links and point the containers at localhost:<port>.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['containerNetworking'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if ((c.ecs?.links.length ?? 0) > 0) return violationsFor(workload.containers, setsLinks);
    }
    return NO_VIOLATIONS;
  },
});
