import type { Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { capabilityName } from './shared/capabilities.js';
import { isWindowsTask, REMOVE_LINUX_ONLY_ON_WINDOWS } from './shared/operating-system.js';

/** ecs-cap-add: Fargate lets tasks add only SYS_PTRACE. */
export const ecsCapAdd = defineRule({
  id: 'ecs-cap-add',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'Added Linux capabilities other than SYS_PTRACE',
  rationale:
    'Tasks on Fargate can add only the SYS_PTRACE kernel capability. Containers keep the Docker default set ' +
    '(CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP, NET_BIND_SERVICE, NET_RAW, SYS_CHROOT, ' +
    'MKNOD, AUDIT_WRITE, SETFCAP); NET_ADMIN, SYS_ADMIN, IPC_LOCK or ALL cannot be granted.',
  fix: 'Remove the added capabilities if the software works without them; otherwise run it on EC2 or ECS Managed Instances.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_KernelCapabilities.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['capabilities'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.capabilitiesAdd.length > 0) return addedCapabilities(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** One violation per container that adds a capability other than SYS_PTRACE. */
function addedCapabilities(workload: Workload): readonly Violation[] {
  const windows = isWindowsTask(workload);
  return workload.containers.flatMap((c) => {
    const extra = c.capabilitiesAdd.map(capabilityName).filter((cap) => cap !== 'SYS_PTRACE');
    if (extra.length === 0) return NO_VIOLATIONS;
    const message = `container "${c.name}" adds capabilities ${extra.join(', ')} (linuxParameters.capabilities.add)`;
    return windows
      ? [
          {
            message: `${message} on a Windows task`,
            severity: 'fixable' as const,
            fix: REMOVE_LINUX_ONLY_ON_WINDOWS,
          },
        ]
      : [{ message }];
  });
}
