import type { Container, Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { isWindowsTask, REMOVE_LINUX_ONLY_ON_WINDOWS } from './shared/operating-system.js';

const dropsCapabilities = (c: Container): boolean => c.capabilitiesDrop.length > 0;

/** ecs-cap-drop: dropping capabilities works on Fargate; only Windows tasks must remove it. */
export const ecsCapDrop = defineRule({
  id: 'ecs-cap-drop',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Dropped capabilities on a Windows task',
  rationale:
    'linuxParameters.capabilities.drop is supported on Fargate Linux at every platform version; ' +
    'Windows containers do not take linuxParameters at all.',
  fix: REMOVE_LINUX_ONLY_ON_WINDOWS,
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinuxParameters.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['capabilities'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.capabilitiesDrop.length > 0) return droppedCapabilities(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** On a Windows task, one violation per container that drops capabilities. */
function droppedCapabilities(workload: Workload): readonly Violation[] {
  if (!isWindowsTask(workload)) return NO_VIOLATIONS;
  return workload.containers.filter(dropsCapabilities).map((c) => ({
    message: `container "${c.name}" drops capabilities ${c.capabilitiesDrop.join(', ')} on a Windows task (linuxParameters are Linux only)`,
  }));
}
