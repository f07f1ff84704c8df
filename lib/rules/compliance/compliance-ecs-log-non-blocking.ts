import type { Container } from '../../model/workload.js';
import { defineRule, type Violation } from '../rule.js';
import { containerMessage, containerViolations, describeContainer } from './container-identity.js';

const setsNoLogMode = containerMessage(
  " sets no log mode, so whether logging can block depends on the account's defaultLogDriverMode setting",
);

function blockingLogViolation(container: Container): Violation | null {
  const ecs = container.ecs;
  if (!ecs?.logDriver || ecs.logMode === 'non-blocking') return null;
  return {
    message:
      ecs.logMode == null
        ? setsNoLogMode(container)
        : `${describeContainer(container)} logs in ${ecs.logMode} mode`,
  };
}

/** compliance-ecs-log-non-blocking: Container logging is not explicitly non-blocking. */
export const complianceEcsLogNonBlocking = defineRule({
  id: 'compliance-ecs-log-non-blocking',
  scope: 'ecs',
  category: 'compliance',
  severity: 'advisory',
  title: 'Container logging is not explicitly non-blocking',
  rationale:
    'In blocking mode a container stalls on stdout and stderr whenever the log destination is slow or unreachable, turning a logging outage into an application outage. A task definition without "mode" follows the account setting defaultLogDriverMode, which the task definition does not show, so it is reported too.',
  fix: 'Set logConfiguration.options "mode": "non-blocking" with a "max-buffer-size" (for example 25m).',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html',
  verifiedAt: '2026-11-27',
  control: 'Prowler ecs_task_definitions_logging_block_mode',
  evaluate(workload) {
    return containerViolations(workload.containers, blockingLogViolation);
  },
});
