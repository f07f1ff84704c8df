import type { Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { capabilityName } from './shared/capabilities.js';
import { isWindowsTask, REMOVE_LINUX_ONLY_ON_WINDOWS } from './shared/operating-system.js';
import { featureNeedsPlatform, upgradePlatformFix } from './shared/platform-version.js';
import { containersThat } from './shared/wording.js';

/** ecs-cap-add-ptrace: SYS_PTRACE works on Fargate from Linux platform version 1.4.0. */
export const ecsCapAddPtrace = defineRule({
  id: 'ecs-cap-add-ptrace',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'SYS_PTRACE needs platform version 1.4.0',
  rationale:
    'Adding SYS_PTRACE is supported on Fargate (for debuggers and security agents) from Linux platform version 1.4.0.',
  fix: upgradePlatformFix('1.4.0'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinuxParameters.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['capabilities'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.capabilitiesAdd.length > 0) return ptraceViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** The containers that add SYS_PTRACE, on Windows or on a too-old platform version. */
function ptraceViolations(workload: Workload): readonly Violation[] {
  const tracers = workload.containers.filter((c) =>
    c.capabilitiesAdd.map(capabilityName).includes('SYS_PTRACE'),
  );
  if (tracers.length === 0) return NO_VIOLATIONS;
  if (isWindowsTask(workload)) {
    return [
      {
        message: `${containersThat(tracers, 'adds', 'add')} SYS_PTRACE on a Windows task (linuxParameters are Linux only)`,
        fix: REMOVE_LINUX_ONLY_ON_WINDOWS,
      },
    ];
  }
  return featureNeedsPlatform(
    workload,
    () => `${containersThat(tracers, 'adds', 'add')} SYS_PTRACE`,
    '1.4.0',
  );
}
