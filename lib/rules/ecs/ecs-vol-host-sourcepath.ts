import type { Volume } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isHostCoupledPath } from './shared/host-paths.js';

/** True for a host volume with a source path. */
const mountsHostPath = (v: Volume): boolean => v.type === 'ecsHost' && Boolean(v.hostPath);

/** ecs-vol-host-sourcepath: Fargate has no host paths to mount. */
export const ecsVolHostSourcepath = defineRule({
  id: 'ecs-vol-host-sourcepath',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Volume mounts a host path',
  rationale:
    'host.sourcePath is not supported on Fargate: a task cannot reach the host filesystem. A scratch directory ' +
    'becomes a task-scoped bind mount; a path that belongs to the host (Docker socket, /proc, /sys, /dev, /etc, ' +
    '/var/log, /var/lib/docker) means the container inspects or controls the host and cannot move.',
  fix: 'Drop sourcePath to get a task-scoped bind mount, or use EFS / EBS for data that must persist.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HostVolumeProperties.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    if (!workload.volumes.some(mountsHostPath)) return NO_VIOLATIONS;
    return workload.volumes.filter(mountsHostPath).map((v) =>
      isHostCoupledPath(v.hostPath!)
        ? {
            message: `volume "${v.name}" mounts host path ${v.hostPath}, which belongs to the host`,
            severity: 'blocker' as const,
            fix: 'Keep the workload on EC2 (or ECS Managed Instances), or rework it so it no longer reads or controls the host.',
          }
        : { message: `volume "${v.name}" mounts host path ${v.hostPath} (host.sourcePath)` },
    );
  },
});
