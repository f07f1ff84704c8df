import type { Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';

/** ecs-readonly-user-windows: Linux-only container fields on a Windows task. */
export const ecsReadonlyUserWindows = defineRule({
  id: 'ecs-readonly-user-windows',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Linux-only container fields on a Windows task',
  rationale:
    'readonlyRootFilesystem and user are not supported for Windows containers. (privileged and linuxParameters ' +
    'on Windows are reported by their own rules: ecs-privileged, ecs-cap-add, ecs-devices and the like.)',
  fix: 'Remove readonlyRootFilesystem and user from the Windows containers.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['windows'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.readOnlyRootFilesystem === true || c.user !== null) return linuxOnlyFieldViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** On a Windows task, one violation per container that sets readonlyRootFilesystem or user. */
function linuxOnlyFieldViolations(workload: Workload): readonly Violation[] {
  if (!isWindowsTask(workload)) return NO_VIOLATIONS;
  return workload.containers.flatMap((c) => {
    const fields = [
      c.readOnlyRootFilesystem === true ? 'readonlyRootFilesystem: true' : null,
      c.user !== null ? 'user' : null,
    ].filter((field): field is string => field !== null);
    return fields.length > 0
      ? [{ message: `container "${c.name}" sets ${fields.join(' and ')} on a Windows task` }]
      : [];
  });
}
