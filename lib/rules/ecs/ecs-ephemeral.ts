import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';
import { featureNeedsPlatform, upgradePlatformFix } from './shared/platform-version.js';

/** ecs-ephemeral: Fargate ephemeral storage is 21–200 GiB on Linux platform version 1.4.0. */
export const ecsEphemeral = defineRule({
  id: 'ecs-ephemeral',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Ephemeral storage outside the Fargate range',
  rationale:
    'A Fargate task gets 20 GiB of ephemeral storage by default and can be given 21 to 200 GiB (Linux platform ' +
    'version 1.4.0 or later). More than 200 GiB does not exist on Fargate.',
  fix: upgradePlatformFix('1.4.0'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['ephemeralStorage'],
  evaluate(workload) {
    const size = workload.ecs?.ephemeralStorageGiB ?? null;
    if (size === null || isWindowsTask(workload)) return NO_VIOLATIONS;
    if (size > 200) {
      return [
        {
          message: `ephemeralStorage.sizeInGiB is ${size}; Fargate tasks get at most 200 GiB`,
          severity: 'blocker',
          fix: 'Move the bulk data to an EBS volume configured at launch or to EFS, and keep ephemeral storage at 200 GiB or less.',
        },
      ];
    }
    if (size < 21) {
      return [
        {
          message: `ephemeralStorage.sizeInGiB is ${size}; Fargate accepts 21 to 200 (20 GiB is the default)`,
          fix: 'Remove ephemeralStorage to get the default 20 GiB, or set 21 or more.',
        },
      ];
    }
    return featureNeedsPlatform(workload, `ephemeralStorage.sizeInGiB is ${size}`, '1.4.0');
  },
});
