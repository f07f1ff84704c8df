import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { volumeNamesOfType } from './shared/volumes.js';
import { quotedList } from './shared/wording.js';

/** ecs-vol-fsx-win: FSx for Windows File Server volumes are EC2 only. */
export const ecsVolFsxWin = defineRule({
  id: 'ecs-vol-fsx-win',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'FSx for Windows File Server volume',
  rationale: 'ECS supports FSx for Windows File Server volumes only on EC2 capacity, not on Fargate.',
  fix: 'Keep the task on EC2, or have the application reach the share over SMB itself.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/wfsx-volumes.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    const names = volumeNamesOfType(workload, 'ecsFsxWindows');
    if (names.length === 0) return NO_VIOLATIONS;
    return [{ message: `volume ${quotedList(names)} uses fsxWindowsFileServerVolumeConfiguration` }];
  },
});
