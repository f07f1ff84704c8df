import { isValidFargateSize, roundUpToFargateSize } from '../../sizing/fargate-size.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { osLabel, osOf } from './shared/operating-system.js';
import { describeSize } from './shared/wording.js';

/** ecs-task-size-invalid: the task cpu/memory pair is not on the Fargate size grid. */
export const ecsTaskSizeInvalid = defineRule({
  id: 'ecs-task-size-invalid',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Task size is not a valid Fargate combination',
  rationale:
    'Fargate accepts only fixed cpu/memory pairs (for example 0.25 vCPU with 0.5, 1 or 2 GB); ' +
    'registration fails with "Invalid \'cpu\' setting for task" for any other pair.',
  fix: 'Round up to the next valid pair: the smallest cpu whose memory range covers the need, then the smallest memory step at or above it.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['sizeConcern'],
  evaluate(workload) {
    const cpu = workload.ecs?.cpuUnits ?? null;
    const memory = workload.ecs?.memoryMiB ?? null;
    if (cpu === null || memory === null) return NO_VIOLATIONS;
    const os = osOf(workload);
    if (isValidFargateSize(cpu, memory, os)) return NO_VIOLATIONS;
    // Windows below 1 vCPU is reported, with its rounded size, by ecs-windows-min-cpu.
    if (os === 'windows' && cpu < 1024) return NO_VIOLATIONS;
    const size = roundUpToFargateSize(cpu, memory, os);
    // Beyond the largest size nothing rounds up: ecs-task-size-too-big reports that.
    if (!size) return NO_VIOLATIONS;
    return [
      {
        message: `task size cpu ${cpu} / memory ${memory} MiB is not a valid Fargate ${osLabel(workload)} combination; it rounds up to ${describeSize(size)}`,
        fix: `Set task cpu to ${size.cpu} and memory to ${size.memoryMiB}.`,
      },
    ];
  },
});
