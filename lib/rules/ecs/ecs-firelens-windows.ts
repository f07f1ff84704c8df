import type { Container, Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { equalsLowerCase } from './shared/letter-case.js';
import { isWindowsTask } from './shared/operating-system.js';

/** True when the container routes logs with FireLens or logs through it. */
function usesFirelens(c: Container): boolean {
  if (c.ecs?.firelens) return true;
  const driver = c.ecs?.logDriver;
  return driver ? equalsLowerCase(driver, 'awsfirelens') : false;
}

/** ecs-firelens-windows: FireLens is not available to Windows tasks on Fargate. */
export const ecsFirelensWindows = defineRule({
  id: 'ecs-firelens-windows',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'FireLens on a Windows task',
  rationale: 'Windows tasks on Fargate do not support the FireLens log router integration.',
  fix: 'Log with awslogs instead of FireLens.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['windows'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (usesFirelens(c)) return firelensViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** On a Windows task, one violation per container that routes or sends logs through FireLens. */
function firelensViolations(workload: Workload): readonly Violation[] {
  if (!isWindowsTask(workload)) return NO_VIOLATIONS;
  return workload.containers.flatMap((c) => {
    if (c.ecs?.firelens)
      return [{ message: `container "${c.name}" is a FireLens log router on a Windows task` }];
    if (c.ecs?.logDriver?.toLowerCase() === 'awsfirelens') {
      return [{ message: `container "${c.name}" logs through awsfirelens on a Windows task` }];
    }
    return NO_VIOLATIONS;
  });
}
