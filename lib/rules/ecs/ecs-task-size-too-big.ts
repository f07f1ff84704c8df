import {
  ecsRequirement,
  FITS_EVERY_OS,
  maxFargateSize,
  roundUpToFargateSize,
} from '../../sizing/fargate-size.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { osLabel, osOf } from './shared/operating-system.js';
import { describeSize } from './shared/wording.js';

/** ecs-task-size-too-big: the task needs more than the largest Fargate size. */
export const ecsTaskSizeTooBig = defineRule({
  id: 'ecs-task-size-too-big',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'Task is larger than any Fargate size',
  rationale: 'A Fargate task has at most 16 vCPU and 120 GiB on Linux, and 4 vCPU and 30 GiB on Windows.',
  fix: 'Split the task into smaller tasks, or run it on EC2 or ECS Managed Instances.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['sizeConcern'],
  evaluate(workload) {
    if (!workload.ecs) return NO_VIOLATIONS;
    const need = ecsRequirement(workload);
    // Nearly every task: it fits, and there is no need to work out its OS or round its size.
    if (need.cpuUnits <= FITS_EVERY_OS.cpu && need.memoryMiB <= FITS_EVERY_OS.memoryMiB) return NO_VIOLATIONS;
    const os = osOf(workload);
    if (roundUpToFargateSize(Math.max(need.cpuUnits, 1), need.memoryMiB, os)) return NO_VIOLATIONS;
    const largest = maxFargateSize(os);
    const over = [
      need.cpuUnits > largest.cpu ? `cpu ${need.cpuUnits}` : null,
      need.memoryMiB > largest.memoryMiB ? `memory ${need.memoryMiB} MiB` : null,
    ].filter((part): part is string => part !== null);
    return [
      {
        message: `the task needs ${over.join(' and ')} (${need.basis}); the largest Fargate ${osLabel(workload)} task is ${describeSize(largest)}`,
      },
    ];
  },
});
