import { ecsRequirement, roundUpToFargateSize } from '../../sizing/fargate-size.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { osOf } from './shared/operating-system.js';
import { describePins, linuxPinsBelow, upgradePlatformFix } from './shared/platform-version.js';

/** ecs-task-size-needs-pv14: 8 and 16 vCPU tasks need Linux platform version 1.4.0. */
export const ecsTaskSizeNeedsPv14 = defineRule({
  id: 'ecs-task-size-needs-pv14',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: '8 or 16 vCPU task on an old platform version',
  rationale: 'The 8 vCPU and 16 vCPU Fargate sizes exist only on Linux platform version 1.4.0 or later.',
  fix: upgradePlatformFix('1.4.0'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['platformPin'],
  evaluate(workload) {
    if (!workload.ecs) return NO_VIOLATIONS;
    // Only a pinned older version can make a large size a problem: ask that first, it is cheap.
    const pins = linuxPinsBelow(workload, '1.4.0');
    if (pins.length === 0) return NO_VIOLATIONS;
    const need = ecsRequirement(workload);
    // A registered valid pair rounds up to itself, so this is the size Fargate would bill.
    const cpu = roundUpToFargateSize(Math.max(need.cpuUnits, 1), need.memoryMiB, osOf(workload))?.cpu;
    if (cpu === undefined || cpu < 8192) return NO_VIOLATIONS;
    return [
      {
        message: `the task runs at ${cpu / 1024} vCPU, a size that needs platform version 1.4.0 or later; ${describePins(pins)}`,
      },
    ];
  },
});
