import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';
import { featureNeedsPlatform, upgradePlatformFix } from './shared/platform-version.js';
import { volumeNamesOfType } from './shared/volumes.js';
import { quotedList } from './shared/wording.js';

/** ecs-vol-efs: EFS runs on Fargate Linux from platform version 1.4.0; not on Windows. */
export const ecsVolEfs = defineRule({
  id: 'ecs-vol-efs',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'EFS volume on an old platform version or on Windows',
  rationale:
    'EFS volumes work on Fargate Linux from platform version 1.4.0 (Fargate adds a small supervisor container that ' +
    'uses some task memory). Windows tasks on Fargate cannot mount EFS.',
  fix: upgradePlatformFix('1.4.0'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    const names = volumeNamesOfType(workload, 'ecsEfs');
    if (names.length === 0) return NO_VIOLATIONS;
    const subject = `EFS volume ${quotedList(names)}`;
    if (isWindowsTask(workload)) {
      return [
        {
          message: `${subject} on a Windows task; EFS is Linux only`,
          severity: 'blocker',
          fix: 'Keep the task on EC2, or move the data to storage the Windows containers can reach over the network (FSx for Windows is EC2 only).',
        },
      ];
    }
    return featureNeedsPlatform(workload, `${subject} is used`, '1.4.0');
  },
});
