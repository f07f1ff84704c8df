import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';
import { featureNeedsPlatform, upgradePlatformFix } from './shared/platform-version.js';
import { describeSysctlUses, hasSysctls, isNamespacedSysctl, sysctlUses } from './shared/system-controls.js';

/** ecs-sysctl-ok: namespaced sysctls run on Fargate Linux from platform version 1.4.0. */
export const ecsSysctlOk = defineRule({
  id: 'ecs-sysctl-ok',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Namespaced sysctls on an old platform version',
  rationale:
    'Fargate accepts the namespaced sysctls (net.*, fs.mqueue.*, and kernel.msgmax, msgmnb, msgmni, sem, shmall, ' +
    'shmmax, shmmni, shm_rmid_forced) on Linux platform version 1.4.0 or later; they apply to every container of the task.',
  fix: upgradePlatformFix('1.4.0'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_SystemControl.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['systemControls'],
  evaluate(workload) {
    if (!hasSysctls(workload) || isWindowsTask(workload)) return NO_VIOLATIONS;
    const uses = sysctlUses(workload).filter((use) => isNamespacedSysctl(use.key));
    if (uses.length === 0) return NO_VIOLATIONS;
    return featureNeedsPlatform(workload, describeSysctlUses(uses), '1.4.0');
  },
});
