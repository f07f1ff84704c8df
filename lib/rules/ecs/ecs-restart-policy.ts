import type { Container, Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';
import { featureNeedsPlatform, upgradePlatformFix } from './shared/platform-version.js';
import { containersThat } from './shared/wording.js';

const setsRestartPolicy = (c: Container): boolean => c.ecs?.hasRestartPolicy === true;

/** ecs-restart-policy: container restart policies need Linux platform version 1.4.0. */
export const ecsRestartPolicy = defineRule({
  id: 'ecs-restart-policy',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Container restart policy on an old platform version or on Windows',
  rationale:
    'Container restart policies work on Fargate Linux platform version 1.4.0 or later; Windows containers on ' +
    'Fargate do not support them.',
  fix: upgradePlatformFix('1.4.0'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-restart-policy.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['containerLifecycle'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.ecs?.hasRestartPolicy) return restartPolicyViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** The containers that set restartPolicy, on Windows or on a too-old platform version. */
function restartPolicyViolations(workload: Workload): readonly Violation[] {
  const users = workload.containers.filter(setsRestartPolicy);
  if (isWindowsTask(workload)) {
    return [
      {
        message: `${containersThat(users, 'sets', 'set')} restartPolicy on a Windows task; Windows containers on Fargate do not support it`,
        fix: 'Remove restartPolicy; let the service replace failed tasks instead.',
      },
    ];
  }
  return featureNeedsPlatform(
    workload,
    () => `${containersThat(users, 'sets', 'set')} restartPolicy`,
    '1.4.0',
  );
}
