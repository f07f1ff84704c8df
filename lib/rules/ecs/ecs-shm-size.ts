import type { Container, Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { isWindowsTask, REMOVE_LINUX_ONLY_ON_WINDOWS } from './shared/operating-system.js';

const setsSharedMemory = (c: Container): boolean => c.ecs?.sharedMemorySize != null;

/** ecs-shm-size: Fargate does not take sharedMemorySize. */
export const ecsShmSize = defineRule({
  id: 'ecs-shm-size',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Shared memory size set',
  rationale: 'linuxParameters.sharedMemorySize (the /dev/shm size) is not supported on Fargate.',
  fix:
    'Remove sharedMemorySize; for headless Chromium pass --disable-dev-shm-usage. ' +
    '(Mounting a tmpfs at /dev/shm instead is not confirmed to work.)',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinuxParameters.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['linuxParameters'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.ecs?.sharedMemorySize != null) return sharedMemoryViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** One violation per container that sets sharedMemorySize. */
function sharedMemoryViolations(workload: Workload): readonly Violation[] {
  const windows = isWindowsTask(workload);
  return workload.containers.filter(setsSharedMemory).map((c) => ({
    message: `container "${c.name}" sets linuxParameters.sharedMemorySize ${c.ecs?.sharedMemorySize} MiB`,
    ...(windows ? { fix: REMOVE_LINUX_ONLY_ON_WINDOWS } : {}),
  }));
}
