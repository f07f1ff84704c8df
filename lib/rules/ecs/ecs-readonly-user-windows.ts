import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';

/** True when the container sets a field that Windows containers do not take. */
const setsLinuxOnlyField = (c: Container): boolean => c.readOnlyRootFilesystem === true || c.user !== null;

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
  evaluate(workload) {
    if (!workload.containers.some(setsLinuxOnlyField) || !isWindowsTask(workload)) return NO_VIOLATIONS;
    return workload.containers.flatMap((c) => {
      const fields = [
        c.readOnlyRootFilesystem === true ? 'readonlyRootFilesystem: true' : null,
        c.user !== null ? 'user' : null,
      ].filter((field): field is string => field !== null);
      return fields.length > 0
        ? [{ message: `container "${c.name}" sets ${fields.join(' and ')} on a Windows task` }]
        : [];
    });
  },
});
