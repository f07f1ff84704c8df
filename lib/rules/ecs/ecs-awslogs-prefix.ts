import { defineRule, violationsFor } from '../rule.js';

/** ecs-awslogs-prefix: awslogs on Fargate requires awslogs-stream-prefix. */
export const ecsAwslogsPrefix = defineRule({
  id: 'ecs-awslogs-prefix',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'awslogs without a stream prefix',
  rationale: 'The awslogs-stream-prefix option is required when the awslogs driver is used on Fargate.',
  fix: 'Add the awslogs-stream-prefix option (for example the service name).',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html',
  verifiedAt: '2026-11-27',
  evaluate(workload) {
    return violationsFor(workload.containers, (c) =>
      c.ecs?.logDriver?.toLowerCase() === 'awslogs' && !c.ecs.logOptionNames.includes('awslogs-stream-prefix')
        ? { message: `container "${c.name}" uses awslogs without the awslogs-stream-prefix option` }
        : null,
    );
  },
});
