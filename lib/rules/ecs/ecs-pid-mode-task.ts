import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask, REMOVE_LINUX_ONLY_ON_WINDOWS } from './shared/operating-system.js';
import { featureNeedsPlatform, upgradePlatformFix } from './shared/platform-version.js';

/** ecs-pid-mode-task: pidMode task runs on Fargate Linux from platform version 1.4.0. */
export const ecsPidModeTask = defineRule({
  id: 'ecs-pid-mode-task',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'pidMode task on an old platform version or on Windows',
  rationale:
    'Fargate supports pidMode task for Linux tasks on platform version 1.4.0 or later; Windows tasks do not support pidMode.',
  fix: upgradePlatformFix('1.4.0'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['pidIpc'],
  evaluate(workload) {
    if (workload.ecs?.pidMode?.toLowerCase() !== 'task') return NO_VIOLATIONS;
    if (isWindowsTask(workload)) {
      return [
        {
          message: 'pidMode is "task" on a Windows task, which does not support pidMode',
          fix: REMOVE_LINUX_ONLY_ON_WINDOWS,
        },
      ];
    }
    return featureNeedsPlatform(workload, 'pidMode is "task"', '1.4.0');
  },
});
