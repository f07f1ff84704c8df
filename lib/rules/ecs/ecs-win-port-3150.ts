import type { Container, Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';

/** True when the container maps port 3150, as container or host port. */
function usesPort3150(c: Container): boolean {
  for (const p of c.ports) {
    if (p.containerPort === 3150 || p.hostPort === 3150) return true;
  }
  return false;
}

/** ecs-win-port-3150: port 3150 is reserved on Windows Fargate. */
export const ecsWinPort3150 = defineRule({
  id: 'ecs-win-port-3150',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Windows task uses reserved port 3150',
  rationale: 'Windows containers on Fargate cannot use port 3150; Fargate reserves it.',
  fix: 'Move the container to another port.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['windows'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (usesPort3150(c)) return port3150Violations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** On a Windows task, one violation per container that uses port 3150. */
function port3150Violations(workload: Workload): readonly Violation[] {
  if (!isWindowsTask(workload)) return NO_VIOLATIONS;
  return workload.containers.filter(usesPort3150).map((c) => ({
    message: `container "${c.name}" uses port 3150, which Windows tasks on Fargate cannot use`,
  }));
}
