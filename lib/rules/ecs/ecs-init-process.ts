import type { Container, Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { isWindowsTask, REMOVE_LINUX_ONLY_ON_WINDOWS } from './shared/operating-system.js';

/** True when the container enables the init process. */
const enablesInitProcess = (c: Container): boolean => c.ecs?.initProcessEnabled === true;

/** ecs-init-process: initProcessEnabled works on Fargate Linux; Windows tasks must drop it. */
export const ecsInitProcess = defineRule({
  id: 'ecs-init-process',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Init process on a Windows task',
  rationale:
    'linuxParameters.initProcessEnabled has no Fargate restriction on Linux; Windows containers do not take linuxParameters.',
  fix: REMOVE_LINUX_ONLY_ON_WINDOWS,
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinuxParameters.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['linuxParameters'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.ecs?.initProcessEnabled) return initProcessViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** On a Windows task, one violation per container that enables the init process. */
function initProcessViolations(workload: Workload): readonly Violation[] {
  if (!isWindowsTask(workload)) return NO_VIOLATIONS;
  return workload.containers.filter(enablesInitProcess).map((c) => ({
    message: `container "${c.name}" sets linuxParameters.initProcessEnabled on a Windows task`,
  }));
}
