import type { Container, Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { isWindowsTask, REMOVE_LINUX_ONLY_ON_WINDOWS } from './shared/operating-system.js';
import { featureNeedsPlatform, upgradePlatformFix } from './shared/platform-version.js';
import { containersThat } from './shared/wording.js';

const mountsTmpfs = (c: Container): boolean => (c.ecs?.tmpfs ?? 0) > 0;

/** ecs-tmpfs: tmpfs mounts run on Fargate since January 2026. */
export const ecsTmpfs = defineRule({
  id: 'ecs-tmpfs',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'tmpfs mounts on an old platform version',
  rationale:
    'Fargate supports linuxParameters.tmpfs since 2026-01-06 (older documentation and linters still flag it). ' +
    'The platform version it needs is not documented; this rule assumes Linux 1.4.0.',
  fix: upgradePlatformFix('1.4.0'),
  docsUrl:
    'https://aws.amazon.com/about-aws/whats-new/2026/01/amazon-ecs-tmpfs-mounts-aws-fargate-managed-instances/',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['linuxParameters'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if ((c.ecs?.tmpfs ?? 0) > 0) return tmpfsViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** The containers that mount tmpfs, on Windows or on a too-old platform version. */
function tmpfsViolations(workload: Workload): readonly Violation[] {
  const users = workload.containers.filter(mountsTmpfs);
  if (isWindowsTask(workload)) {
    return [
      {
        message: `${containersThat(users, 'mounts', 'mount')} tmpfs on a Windows task (linuxParameters are Linux only)`,
        fix: REMOVE_LINUX_ONLY_ON_WINDOWS,
      },
    ];
  }
  return featureNeedsPlatform(
    workload,
    () => `${containersThat(users, 'mounts', 'mount')} tmpfs`,
    '1.4.0',
  ).map((v) => ({
    ...v,
    message: `${v.message} (AWS does not document the version tmpfs needs; 1.4.0 is assumed)`,
  }));
}
