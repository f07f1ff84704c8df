import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { hasVolumeOfType } from './shared/volumes.js';

/** ecs-vol-docker: Docker volumes are not supported on Fargate. */
export const ecsVolDocker = defineRule({
  id: 'ecs-vol-docker',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Docker volume',
  rationale:
    'dockerVolumeConfiguration is not supported on Fargate: there is no Docker daemon or volume plugin on the host.',
  fix:
    'Task-scoped local volume: replace it with a bind mount (a volume with no host or Docker settings). Shared, ' +
    'autoprovisioned or plugin volumes: move the data to EFS or an EBS volume configured at launch (not mechanical).',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/docker-volumes.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    if (!hasVolumeOfType(workload, 'ecsDocker')) return NO_VIOLATIONS;
    return workload.volumes
      .filter((v) => v.type === 'ecsDocker')
      .map((v) => {
        const scope = v.docker?.scope?.toLowerCase() ?? 'task';
        const driver = v.docker?.driver ?? 'local';
        const autoprovision = v.docker?.autoprovision ?? false;
        const described = `volume "${v.name}" is a Docker volume (scope ${scope}, driver ${driver}${autoprovision ? ', autoprovision' : ''})`;
        if (scope === 'task' && driver === 'local' && !autoprovision) {
          return {
            message: described,
            fix: 'Replace it with a bind mount: remove dockerVolumeConfiguration from the volume.',
          };
        }
        return {
          message: `${described}; its data outlives the task, so it needs EFS or EBS`,
          fix: 'Move the data to an EFS file system or an EBS volume configured at launch (not mechanical).',
        };
      });
  },
});
