import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation, violationsFor } from '../rule.js';

const FARGATE_LOG_DRIVERS = ['awslogs', 'splunk', 'awsfirelens'];

function usesUnsupportedDriver(c: Container): Violation | null {
  const driver = c.ecs?.logDriver;
  // Drivers are nearly always written in lower case: try the name as written before lower-casing it.
  if (!driver || FARGATE_LOG_DRIVERS.includes(driver) || FARGATE_LOG_DRIVERS.includes(driver.toLowerCase()))
    return null;
  return { message: `container "${c.name}" uses log driver "${driver}"` };
}

/** ecs-log-driver: Fargate supports the awslogs, splunk and awsfirelens log drivers. */
export const ecsLogDriver = defineRule({
  id: 'ecs-log-driver',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Log driver not supported on Fargate',
  rationale:
    'Tasks on Fargate can log only with awslogs, splunk or awsfirelens; json-file, syslog, journald, gelf and ' +
    'fluentd need a Docker daemon on a host the task does not have.',
  fix: 'Switch to awslogs, splunk or awsfirelens (FireLens can forward to fluentd, gelf and other endpoints).',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['logDriver'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.ecs?.logDriver && !FARGATE_LOG_DRIVERS.includes(c.ecs.logDriver))
        return violationsFor(workload.containers, usesUnsupportedDriver);
    }
    return NO_VIOLATIONS;
  },
});
