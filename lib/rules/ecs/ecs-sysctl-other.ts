import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';
import { describeSysctlUses, hasSysctls, isNamespacedSysctl, sysctlUses } from './shared/system-controls.js';

/** ecs-sysctl-other: host-wide sysctls cannot be set on Fargate. */
export const ecsSysctlOther = defineRule({
  id: 'ecs-sysctl-other',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'Sysctls that are not namespaced',
  rationale:
    'Only namespaced sysctls can be set on Fargate. Host-wide ones such as vm.max_map_count (Elasticsearch, ' +
    'OpenSearch), fs.file-max or kernel.pid_max cannot.',
  fix: 'Remove the sysctl if the software runs without it (some have a setting to skip the check); otherwise stay on EC2.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_SystemControl.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['systemControls'],
  evaluate(workload) {
    if (!hasSysctls(workload) || isWindowsTask(workload)) return NO_VIOLATIONS;
    const uses = sysctlUses(workload).filter((use) => !isNamespacedSysctl(use.key));
    if (uses.length === 0) return NO_VIOLATIONS;
    return [{ message: `${describeSysctlUses(uses)}, which Fargate cannot set (not namespaced)` }];
  },
});
