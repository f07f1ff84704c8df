import type { Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { isWindowsTask, REMOVE_LINUX_ONLY_ON_WINDOWS } from './shared/operating-system.js';

/** ecs-swap: Fargate tasks have no swap. */
export const ecsSwap = defineRule({
  id: 'ecs-swap',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Swap settings',
  rationale:
    'Fargate tasks run without swap; linuxParameters.maxSwap and swappiness are not supported there.',
  fix: 'Remove maxSwap and swappiness and size the task memory for the peak instead.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinuxParameters.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['linuxParameters'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.ecs?.maxSwap != null || c.ecs?.swappiness != null) return swapViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** One violation per container that sets maxSwap or swappiness. */
function swapViolations(workload: Workload): readonly Violation[] {
  const windows = isWindowsTask(workload);
  return workload.containers.flatMap((c) => {
    const fields = [
      c.ecs?.maxSwap != null ? `maxSwap ${c.ecs.maxSwap}` : null,
      c.ecs?.swappiness != null ? `swappiness ${c.ecs.swappiness}` : null,
    ].filter((field): field is string => field !== null);
    if (fields.length === 0) return NO_VIOLATIONS;
    return [
      {
        message: `container "${c.name}" sets linuxParameters ${fields.join(' and ')}`,
        ...(windows ? { fix: REMOVE_LINUX_ONLY_ON_WINDOWS } : {}),
      },
    ];
  });
}
