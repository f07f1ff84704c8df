import type { Container, Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { isWindowsTask, REMOVE_LINUX_ONLY_ON_WINDOWS } from './shared/operating-system.js';

/** True when the container maps host devices. */
const mapsDevices = (c: Container): boolean => c.devices.length > 0;

/** ecs-devices: Fargate exposes no host devices. */
export const ecsDevices = defineRule({
  id: 'ecs-devices',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'Host devices mapped into a container',
  rationale: 'Fargate gives tasks no access to host devices, so linuxParameters.devices cannot be honoured.',
  fix: 'Remove the devices if the software works without them; otherwise run it on EC2 or ECS Managed Instances.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinuxParameters.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['devices'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.devices.length > 0) return deviceViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** One violation per container that maps host devices. */
function deviceViolations(workload: Workload): readonly Violation[] {
  const windows = isWindowsTask(workload);
  return workload.containers.filter(mapsDevices).map((c) => {
    const message = `container "${c.name}" maps host devices ${c.devices.join(', ')} (linuxParameters.devices)`;
    return windows
      ? {
          message: `${message} on a Windows task`,
          severity: 'fixable' as const,
          fix: REMOVE_LINUX_ONLY_ON_WINDOWS,
        }
      : { message };
  });
}
