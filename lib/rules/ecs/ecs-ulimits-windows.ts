import type { Container, Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';
import { parseUlimit } from './shared/ulimits.js';

const setsUlimits = (c: Container): boolean => (c.ecs?.ulimits.length ?? 0) > 0;

/** ecs-ulimits-windows: Windows tasks on Fargate take no ulimits. */
export const ecsUlimitsWindows = defineRule({
  id: 'ecs-ulimits-windows',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'ulimits on a Windows task',
  rationale: 'Windows containers on Fargate do not support the ulimits parameter.',
  fix: 'Remove ulimits.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['ulimits'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if ((c.ecs?.ulimits.length ?? 0) > 0) return windowsUlimitViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** On a Windows task, one violation per container that sets ulimits. */
function windowsUlimitViolations(workload: Workload): readonly Violation[] {
  if (!isWindowsTask(workload)) return NO_VIOLATIONS;
  return workload.containers.filter(setsUlimits).map((c) => ({
    message: `container "${c.name}" sets ulimits ${(c.ecs?.ulimits ?? []).map((u) => parseUlimit(u).name).join(', ')} on a Windows task`,
  }));
}
