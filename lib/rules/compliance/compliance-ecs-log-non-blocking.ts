import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { containerResult, containerResultWith, containerViolations } from './container-identity.js';

const setsNoLogMode = containerResult(
  " sets no log mode, so whether logging can block depends on the account's defaultLogDriverMode setting",
);
const logsInMode = containerResultWith((mode: string) => ` logs in ${mode} mode`);

function blockingLogViolations(container: Container): readonly Violation[] {
  const ecs = container.ecs;
  if (!ecs?.logDriver || ecs.logMode === 'non-blocking') return NO_VIOLATIONS;
  return ecs.logMode == null ? setsNoLogMode(container) : logsInMode(container, ecs.logMode);
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
    return containerViolations(workload.containers, blockingLogViolations);
  },
});
