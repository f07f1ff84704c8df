import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';
import { featureNeedsPlatform, upgradePlatformFix } from './shared/platform-version.js';
import { volumeNamesOfType } from './shared/volumes.js';
import { quotedList } from './shared/wording.js';

/** ecs-vol-ebs: EBS volumes configured at launch run on Fargate Linux, not Windows. */
export const ecsVolEbs = defineRule({
  id: 'ecs-vol-ebs',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'EBS volume on an old platform version or on Windows',
  rationale:
    'A volume configured at launch (managed EBS) works on Fargate Linux from platform version 1.4.0, one per task, ' +
    'and not with the magnetic (standard) volume type. On Windows, ECS attaches EBS volumes only on EC2.',
  fix: upgradePlatformFix('1.4.0'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-volumes.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    const names = volumeNamesOfType(workload, 'ecsEbsAtLaunch');
    if (names.length === 0) return NO_VIOLATIONS;
    const subject = `volume ${quotedList(names)} is configured at launch (EBS)`;
    if (isWindowsTask(workload)) {
      return [
        {
          message: `${subject} on a Windows task; ECS attaches EBS to Windows tasks only on EC2`,
          severity: 'blocker',
          fix: 'Keep the Windows task on EC2.',
        },
      ];
    }
    return featureNeedsPlatform(workload, subject, '1.4.0');
  },
});
