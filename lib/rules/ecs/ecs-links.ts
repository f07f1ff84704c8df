import { defineRule, violationsFor } from '../rule.js';

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
  evaluate(workload) {
    return violationsFor(workload.containers, (c) =>
      (c.ecs?.links.length ?? 0) > 0
        ? { message: `container "${c.name}" sets links ${c.ecs?.links.join(', ')}` }
        : null,
    );
  },
});
