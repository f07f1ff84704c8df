import { ecsRequirement, roundUpToFargateSize } from '../../sizing/fargate-size.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';
import { describeSize } from './shared/wording.js';

/** ecs-windows-min-cpu: Windows tasks on Fargate need at least 1 vCPU. */
export const ecsWindowsMinCpu = defineRule({
  id: 'ecs-windows-min-cpu',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Windows task below 1 vCPU',
  rationale:
    'Windows containers on Fargate run with 1, 2 or 4 vCPU; the 0.25 and 0.5 vCPU sizes are Linux only.',
  fix: 'Set task cpu to at least 1024 with a memory value valid for it (2048 to 8192 MiB at 1 vCPU).',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['windows'],
  evaluate(workload) {
    const cpu = workload.ecs?.cpuUnits ?? null;
    if (cpu === null || cpu >= 1024 || !isWindowsTask(workload)) return NO_VIOLATIONS;
    const need = ecsRequirement(workload);
    const size = roundUpToFargateSize(1024, need.memoryMiB, 'windows');
    const target = size ? `; the smallest Windows size that fits is ${describeSize(size)}` : '';
    return [
      {
        message: `task cpu is ${cpu} on a Windows task; Windows on Fargate needs at least 1024 (1 vCPU)${target}`,
      },
    ];
  },
});
