import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { containerResult, containerViolations } from './container-identity.js';

const hasNoLogDriver = containerResult(' has no logConfiguration.logDriver');

function logDriverViolations(container: Container): readonly Violation[] {
  return container.ecs?.logDriver ? NO_VIOLATIONS : hasNoLogDriver(container);
}

/** compliance-ecs-log-configuration: Container has no log configuration. */
export const complianceEcsLogConfiguration = defineRule({
  id: 'compliance-ecs-log-configuration',
  scope: 'ecs',
  category: 'compliance',
  severity: 'advisory',
  title: 'Container has no log configuration',
  rationale:
    'Without a logConfiguration the container output is not shipped anywhere durable, which loses the audit trail needed for incident response.',
  fix: 'Add a logConfiguration with a log driver (awslogs, awsfirelens or splunk; these also work on Fargate).',
  docsUrl: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-9',
  verifiedAt: '2026-11-27',
  control:
    'Security Hub ECS.9; AWS Config ecs-task-definition-log-configuration; Prowler ecs_task_definitions_logging_enabled',
  firesOnlyWith: ['logDriver'],
  evaluate(workload) {
    return containerViolations(workload.containers, logDriverViolations);
  },
});
