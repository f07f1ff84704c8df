import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';
import { describeSysctlUses, hasSysctls, sysctlUses } from './shared/system-controls.js';

/** ecs-sysctl-windows: Windows tasks on Fargate take no systemControls. */
export const ecsSysctlWindows = defineRule({
  id: 'ecs-sysctl-windows',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Sysctls on a Windows task',
  rationale: 'systemControls are not supported for Windows containers on Fargate (Windows has no sysctls).',
  fix: 'Remove systemControls.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_SystemControl.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['systemControls'],
  evaluate(workload) {
    if (!hasSysctls(workload) || !isWindowsTask(workload)) return NO_VIOLATIONS;
    const uses = sysctlUses(workload);
    if (uses.length === 0) return NO_VIOLATIONS;
    return [{ message: `${describeSysctlUses(uses)} on a Windows task` }];
  },
});
