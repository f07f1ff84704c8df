import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation, violationsFor } from '../rule.js';
import { equalsLowerCase } from './shared/letter-case.js';

/** A container that logs through awslogs without the stream prefix Fargate requires. */
function missingStreamPrefix(c: Container): Violation | null {
  const detail = c.ecs;
  if (!detail?.logDriver || !equalsLowerCase(detail.logDriver, 'awslogs')) return null;
  if (detail.logOptionNames.includes('awslogs-stream-prefix')) return null;
  return { message: `container "${c.name}" uses awslogs without the awslogs-stream-prefix option` };
}

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
  firesOnlyWith: ['logDriver'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.ecs?.logDriver && !c.ecs.logOptionNames.includes('awslogs-stream-prefix'))
        return violationsFor(workload.containers, missingStreamPrefix);
    }
    return NO_VIOLATIONS;
  },
});
